using System.Globalization;
using CloudpackPlus.Core.Localization;
using CloudpackPlus.Core.Tickets;
using CloudpackPlus.Portal.Localization;
using Microsoft.Extensions.Localization;

namespace CloudpackPlus.Portal.Tests.Localization;

/// <summary>Stored messages (ledger reasons, rollover notes) are codes rendered in the reader's language; free text stays as typed.</summary>
public sealed class StoredMessagesTests
{
    private static readonly IStringLocalizer Texts = ResourceTexts.Reference;

    [Theory]
    [InlineData("ja-JP", "FY2026 入会時付与（ゴールド）")]
    [InlineData("en-US", "FY2026 enrolment grant (Gold)")]
    public void AGrant_IsRenderedInTheReadersLanguage(string culture, string expected) =>
        Assert.Equal(expected, In(culture, StoredMessage.Of(StoredMessage.EnrolmentGrant, "FY2026", "ゴールド", "Gold")));

    [Fact]
    public void ARefund_KeepsTheTypedReason_AndRendersACodedOne()
    {
        var typed = StoredMessage.Of(StoredMessage.Refund, TicketReleaseCause.CancelledByCustomer, "日程が合わない|再調整");
        var coded = StoredMessage.Of(StoredMessage.Refund, TicketReleaseCause.CancelledByStaff, StoredMessage.Of(StoredMessage.WorkflowCancelled));

        Assert.Equal("Returned: cancelled by the customer: 日程が合わない|再調整", In("en-US", typed));
        Assert.Equal("Returned: cancelled by cloudpack+: Workflow cancelled", In("en-US", coded));
        Assert.Equal("当社のキャンセルによる返却: ワークフローの取消", In("ja-JP", coded));
    }

    [Theory]
    [InlineData("調整: 営業判断")]
    [InlineData("msg:no.such-code|1")]
    [InlineData("msg:bad code")]
    [InlineData("")]
    public void TextThatIsNotAKnownCode_IsShownAsStored(string stored) => Assert.Equal(stored, In("en-US", stored));

    private static string In(string culture, string stored)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return StoredMessages.Render(Texts, stored);
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = before;
        }
    }
}
