using Commitments.Api.Features.Reports.Printable;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.HtmlRendering;

namespace Commitments.Api.Features.Reports;

/// <summary>
/// The printable pack (A4 landscape, print CSS only: Chromium prints it from the HTML alone), rendered from Razor components,
/// which encode every value by default.
/// </summary>
public sealed class PackHtml(IServiceProvider services, ILoggerFactory loggers)
{
    /// <summary>
    /// How many table cells or lines (<see cref="PrintablePack.WeightOf"/>) one slice renders at most, unless one item alone is
    /// more. Small enough that a slice's render tree stays below the large object heap's threshold and dies young: at the large
    /// scale, two packs at a time peaked near 240 MB at 250 and near 290 MB at 2,000 (the large object heap kept the bigger
    /// slices' trees until a full collection). Internal so that a test can show the page is the same whatever the slices.
    /// </summary>
    internal int SliceBudget { get; init; } = 250;

    /// <summary>
    /// Writes the page to <paramref name="body"/> as UTF-8 as it is produced, holding at most one slice of it. The shell
    /// (<see cref="PackDocument"/>: head, brief and everything of fixed size) is rendered first; it carries a
    /// <see cref="SliceMark"/> where each part that grows with the cycle goes, and each such part is rendered a slice at a time
    /// (<see cref="PackSlice"/>, by a renderer of its own, disposed once the slice is written), so memory is bounded by a
    /// slice, not by the page's render tree. The renderer writes synchronously and only on its dispatcher, so it writes into a
    /// small pipe that another task copies to the response asynchronously; when the pipe is full the renderer waits for the
    /// network, and at most ~64 KiB is held.
    /// </summary>
    public async Task WriteAsync(PrintablePack model, Stream body, CancellationToken ct)
    {
        var shell = await RenderAsync<PackDocument, string>(new() { [nameof(PackDocument.Model)] = model }, root => root.ToHtmlString());
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, useSynchronizationContext: false));
        var copying = CopyAsync(pipe.Reader, body, ct);
        try
        {
            await using (var writer = new StreamWriter(pipe.Writer.AsStream(leaveOpen: true), Utf8, BufferSize, leaveOpen: false))
            {
                var at = 0;
                while (shell.IndexOf(SliceMark.Prefix, at, StringComparison.Ordinal) is >= 0 and var mark)
                {
                    await writer.WriteAsync(shell.AsMemory(at, mark - at), ct);
                    var name = mark + SliceMark.Prefix.Length;
                    var end = shell.IndexOf(SliceMark.Suffix, name, StringComparison.Ordinal);
                    var part = Enum.Parse<PackPart>(shell.AsSpan(name, end - name));
                    foreach (var (from, to) in Slices(model, part))
                    {
                        ct.ThrowIfCancellationRequested();
                        await RenderAsync<PackSlice, bool>(new()
                        {
                            [nameof(PackSlice.Model)] = model, [nameof(PackSlice.Part)] = part,
                            [nameof(PackSlice.From)] = from, [nameof(PackSlice.To)] = to,
                        }, root => { root.WriteHtmlTo(writer); return true; });
                    }
                    at = end + SliceMark.Suffix.Length;
                }
                await writer.WriteAsync(shell.AsMemory(at), ct);
            }
            await pipe.Writer.CompleteAsync();
        }
        catch (Exception e)
        {
            await pipe.Writer.CompleteAsync(e);
            throw;
        }
        finally
        {
            await copying;
        }
    }

    /// <summary>A part's items cut into consecutive ranges of at most <see cref="SliceBudget"/> weight (at least one item each).</summary>
    internal IEnumerable<(int From, int To)> Slices(PrintablePack model, PackPart part)
    {
        var count = model.CountOf(part);
        var from = 0;
        var weight = 0;
        for (var i = 0; i < count; i++)
        {
            var w = model.WeightOf(part, i);
            if (i > from && weight + w > SliceBudget)
            {
                yield return (from, i);
                (from, weight) = (i, 0);
            }
            weight += w;
        }
        if (count > from) yield return (from, count);
    }

    /// <summary>Renders a component with a renderer of its own and hands the result to <paramref name="use"/> on its dispatcher.</summary>
    private async Task<T> RenderAsync<TComponent, T>(Dictionary<string, object?> parameters, Func<HtmlRootComponent, T> use) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            use(await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))));
    }

    private static async Task CopyAsync(PipeReader reader, Stream body, CancellationToken ct)
    {
        try
        {
            await reader.CopyToAsync(body, ct);
            await reader.CompleteAsync();
        }
        catch (Exception e)
        {
            // The renderer's next flush then returns at once instead of waiting for a reader that has gone.
            await reader.CompleteAsync(e);
            throw;
        }
    }

    private const int BufferSize = 16 * 1024;
    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The origin links in the printed pack point to, so they still work in a PDF.</summary>
    public static string ApiBase(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
