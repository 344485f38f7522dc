using CloudpackPlus.Activities.WebScan;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.WebScan;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Applications;

/// <summary>
/// WEB-6: the application's checklists (the workflow's <c>Checklist</c> nodes): each item with who ticked it and when;
/// on the customer page a tick button per open item, on the staff page the override with a reason.
/// </summary>
[ViewComponent(Name = "Checklist")]
public sealed class ChecklistViewComponent : ViewComponent
{
    /// <param name="application">The application.</param>
    /// <param name="staffPage">Whether the staff page shows it.</param>
    /// <param name="prefetched">The items the page already read in its batch (then no query here, issue #17).</param>
    public async Task<IViewComponentResult> InvokeAsync(ServiceApplication application, bool staffPage, IReadOnlyList<ChecklistItem>? prefetched = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        var items = prefetched ?? await HttpContext.RequestServices.GetRequiredService<ChecklistDesk>().ItemsAsync(application.Id, HttpContext.RequestAborted);
        var page = staffPage ? $"/Staff/Applications/{application.Id}" : $"/Applications/{application.Id}";
        return View(new ChecklistView(items, staffPage, application.IsOpen, page));
    }
}

/// <summary>The items to show, which side is looking, whether the application is still open, and the page posts go to.</summary>
public sealed record ChecklistView(IReadOnlyList<ChecklistItem> Items, bool StaffPage, bool Open, string PageUrl)
{
    /// <summary>Whether the checklist still waits (no item closed yet).</summary>
    public bool Waiting => Open && Items.Count > 0 && Items.All(i => i.ClosedAt is null);

    /// <summary>The override, if staff went on without every item.</summary>
    public ChecklistItem? Overridden => Items.FirstOrDefault(i => i.OverrideReason is not null);
}
