using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Catalogue;
using CloudpackPlus.Portal.Localization;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Applications;

/// <summary>Why the signed-in customer cannot apply for a service now (null: they can), as the catalogue and the form say it.</summary>
public static class ApplyAvailability
{
    public static string? Why(ServiceAvailability availability, bool representative, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(availability);
        ArgumentNullException.ThrowIfNull(text);
        return availability.Reason is { } reason
            ? PortalCultures.IsJapanese ? ApplyRefusals.Japanese(availability, reason) : ApplyRefusals.English(availability, reason)
            : !representative ? text["Catalogue.RepresentativeOnly"].Value
            : !availability.Entry.IsOnline ? text["Catalogue.NotOnline"].Value // a service is online with a workflow and an apply form
            : null;
    }
}
