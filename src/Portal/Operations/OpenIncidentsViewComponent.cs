using Microsoft.AspNetCore.Mvc;

namespace CloudpackPlus.Portal.Operations;

/// <summary>The staff home's open-incident figure, linking to the instance list filtered to instances with an open incident.</summary>
public sealed class OpenIncidentsViewComponent(InstanceList list) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View(await list.OpenIncidentCountAsync(HttpContext.RequestAborted));
}
