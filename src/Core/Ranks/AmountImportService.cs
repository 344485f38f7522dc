using System.Text.Json;
using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Core.Ranks;

/// <summary>One line of an amounts CSV as previewed: what was read, what it changes, or why it is refused (ja and en).</summary>
public sealed record AmountImportRow(
    int Line, string Code, string Year, string Amount, string? CompanyName, long? PreviousAmountYen, string? ErrorJa, string? ErrorEn)
{
    public bool IsValid => ErrorJa is null;
}

/// <summary>A preview: every row; <see cref="BatchId"/> is set (and confirmable) only when no row has an error.</summary>
public sealed record AmountImportPreview(Guid? BatchId, IReadOnlyList<AmountImportRow> Rows, string? FileErrorJa = null, string? FileErrorEn = null)
{
    public int ErrorCount => Rows.Count(r => !r.IsValid) + (FileErrorJa is null ? 0 : 1);
}

/// <summary>
/// RANK-2: transaction amounts from a CSV (<c>company_code,calendar_year,amount_yen</c>, header optional).
/// Upload → preview with row-level errors → confirm imports every row in one transaction or none;
/// a preview can be confirmed once.
/// </summary>
public sealed class AmountImportService(CoreDbContext db, TransactionAmountService amounts, TimeProvider clock)
{
    public const int MaxRows = 5000;

    public const int MaxBytes = 1024 * 1024;

    /// <summary>Reads the CSV and previews it; stores a confirmable batch only when every row is valid. Writes nothing else.</summary>
    public async Task<AmountImportPreview> PreviewAsync(string csv, Guid staffId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        await db.RequireStaffAsync(staffId, cancellationToken);
        if (csv.AsSpan().IndexOfAny('\0', '\uFFFD') >= 0)
        {
            // A binary file (or not UTF-8): NUL cannot reach PostgreSQL, and a replaced byte would import a wrong code.
            return new AmountImportPreview(null, [], "CSVファイル(UTF-8のテキスト)ではありません。", "This is not a CSV file (UTF-8 text).");
        }

        var lines = AmountCsv.Read(csv);
        if (lines.Count == 0)
        {
            return new AmountImportPreview(null, [], "CSVに行がありません。", "The CSV has no rows.");
        }

        if (lines.Count > MaxRows)
        {
            return new AmountImportPreview(null, [], $"一度に取り込めるのは{MaxRows}行までです。", $"At most {MaxRows} rows can be imported at once.");
        }

        var codes = lines.Select(l => l.Fields.ElementAtOrDefault(0) ?? "").Distinct().ToList();
        var companies = await db.Companies.IgnoreQueryFilters().AsNoTracking().Where(c => codes.Contains(c.Code))
            .Select(c => new { c.Id, c.Code, c.Name }).ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
        var ids = companies.Values.Select(c => c.Id).ToList();
        var existing = await db.AnnualTransactions.IgnoreQueryFilters().AsNoTracking().Where(t => ids.Contains(t.CompanyId))
            .ToDictionaryAsync(t => (t.CompanyId, t.CalendarYear), t => t.AmountYen, cancellationToken);

        var seen = new HashSet<(Guid, int)>();
        var rows = new List<AmountImportRow>();
        var valid = new List<ImportedAmount>();
        foreach (var line in lines)
        {
            var (code, year, amount) = (line.Fields.ElementAtOrDefault(0) ?? "", line.Fields.ElementAtOrDefault(1) ?? "", line.Fields.ElementAtOrDefault(2) ?? "");
            companies.TryGetValue(code, out var company);
            (string Ja, string En)? error = null;
            int parsedYear = 0;
            long parsedAmount = 0;
            if (line.Fields.Count != 3)
            {
                error = ("列は「会社コード,暦年,取引額(円)」の3つにしてください。", "A row needs three columns: company code, calendar year, amount (yen).");
            }
            else if (company is null)
            {
                error = ($"会社コード「{Cut(code)}」の会社がありません。", $"No company has the code \"{Cut(code)}\".");
            }
            else if (!int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out parsedYear))
            {
                error = ("暦年は4桁の数字で入力してください。", "The calendar year must be four digits.");
            }
            else if (!long.TryParse(amount.Replace(",", "", StringComparison.Ordinal).TrimStart('¥', '￥'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out parsedAmount))
            {
                error = ("取引額は0以上の整数(円)で入力してください。", "The amount must be a whole number of yen, 0 or more.");
            }
            else if (Refusal(parsedYear, parsedAmount) is { } refusal)
            {
                error = refusal;
            }
            else if (!seen.Add((company.Id, parsedYear)))
            {
                error = ("同じ会社・暦年の行が重複しています。", "The same company and year appear twice.");
            }

            long? previous = company is not null && existing.TryGetValue((company.Id, parsedYear), out var before) ? before : null;
            rows.Add(new AmountImportRow(line.Number, Cut(code), Cut(year), Cut(amount), company?.Name, previous, error?.Ja, error?.En));
            if (error is null)
            {
                valid.Add(new ImportedAmount(company!.Id, parsedYear, parsedAmount));
            }
        }

        if (valid.Count != rows.Count)
        {
            return new AmountImportPreview(null, rows);
        }

        var batch = new AmountImportBatch { Rows = JsonSerializer.Serialize(valid), RowCount = valid.Count, CreatedBy = staffId, CreatedAt = clock.GetUtcNow() };
        db.AmountImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(batch).State = EntityState.Detached;
        return new AmountImportPreview(batch.Id, rows);
    }

    /// <summary>Imports a previewed batch: every amount or none; a batch already confirmed is refused (409).</summary>
    public Task<int> ConfirmAsync(Guid batchId, Guid staffId, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async () =>
        {
            await db.RequireStaffAsync(staffId, cancellationToken);
            var now = clock.GetUtcNow();
            var claimed = await db.AmountImportBatches.Where(b => b.Id == batchId && b.ConfirmedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ConfirmedAt, now).SetProperty(b => b.ConfirmedBy, staffId), cancellationToken);
            if (claimed == 0)
            {
                var batch = await db.AmountImportBatches.AsNoTracking().AnyAsync(b => b.Id == batchId, cancellationToken);
                throw batch
                    ? new ProgrammeRuleException("import_confirmed", "この取込は既に実行済みです。", "This import has already been confirmed.")
                    : new NotFoundException("取込", batchId);
            }

            var rows = JsonSerializer.Deserialize<List<ImportedAmount>>(
                await db.AmountImportBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.Rows).SingleAsync(cancellationToken)) ?? [];
            var ids = rows.Select(r => r.C).Distinct().ToList();
            var existing = await db.AnnualTransactions.IgnoreQueryFilters().Where(t => ids.Contains(t.CompanyId))
                .ToDictionaryAsync(t => (t.CompanyId, t.CalendarYear), cancellationToken);
            foreach (var row in rows)
            {
                if (!existing.TryGetValue((row.C, row.Y), out var amount))
                {
                    amount = new AnnualTransaction { CompanyId = row.C, CalendarYear = row.Y };
                    db.AnnualTransactions.Add(amount);
                }

                amount.AmountYen = row.A;
                amount.RecordedBy = staffId;
                amount.RecordedAt = now;
            }

            await db.SaveChangesAsync(cancellationToken);
            return rows.Count;
        }, cancellationToken);

    private (string Ja, string En)? Refusal(int year, long amount)
    {
        try
        {
            TransactionAmountService.Validate(year, amount, amounts.LastYear);
            return null;
        }
        catch (ProgrammeRuleException e)
        {
            return (e.Message, e.MessageEn);
        }
    }

    private static string Cut(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private sealed record ImportedAmount(Guid C, int Y, long A);
}
