using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Receipts;

namespace Commitments.Api.Features.Log;

/// <summary>
/// <c>dotnet Commitments.Api.dll verify</c>: recomputes every revision's hash and chain, every frozen pack's hash and signed
/// tree head, and every log leaf and node from the stored rows. Exit code 0 when all hold; 1 naming the first break.
/// </summary>
public static class VerifyCommand
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        VerifyReport report;
        try
        {
            Migrator.RefuseNewerSchema(services.GetRequiredService<Database>().Options);
            report = await services.GetRequiredService<LogVerifier>().RunAsync();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or FormatException or IOException)
        {
            // A file that is not a database, a page that does not read, a row that does not parse: the record is broken.
            await Console.Error.WriteLineAsync($"BROKEN: the database cannot be read: {e.Message.Split('\n')[0]}");
            return 1;
        }
        var checkedWhat = $"{report.Revisions} revisions, {report.Packs} frozen packs, a log of {report.TreeSize} entries";
        if (report.Intact)
        {
            Console.WriteLine($"Intact: {checkedWhat}.");
            return 0;
        }
        await Console.Error.WriteLineAsync($"BROKEN at {report.Breaks[0]}");
        if (report.Breaks.Count > 1) await Console.Error.WriteLineAsync($"({report.Breaks.Count - 1} more breaks follow from it or elsewhere.)");
        await Console.Error.WriteLineAsync($"Checked {checkedWhat}.");
        return 1;
    }
}
