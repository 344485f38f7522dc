using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages;

public sealed class IndexModel : PageModel;
