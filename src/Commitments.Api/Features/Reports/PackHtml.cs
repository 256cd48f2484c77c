using Commitments.Api.Features.Reports.Printable;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Commitments.Api.Features.Reports;

/// <summary>
/// The printable pack (A4 landscape, print CSS only: Chromium prints it from the HTML alone), rendered from Razor components,
/// which encode every value by default.
/// </summary>
public sealed class PackHtml(IServiceProvider services, ILoggerFactory loggers)
{
    /// <summary>
    /// Renders the page, then writes it to <paramref name="body"/> as UTF-8 as it is serialised instead of as one string. The
    /// renderer writes synchronously and only on its dispatcher, so it writes into a small pipe that another task copies to
    /// the response asynchronously; when the pipe is full the renderer waits for the network, and at most ~64 KiB is held.
    /// </summary>
    public async Task WriteAsync(PrintablePack model, Stream body, CancellationToken ct)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var page = await renderer.Dispatcher.InvokeAsync(() => renderer.RenderComponentAsync<PackDocument>(
            ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PackDocument.Model)] = model })));
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, useSynchronizationContext: false));
        var copying = CopyAsync(pipe.Reader, body, ct);
        try
        {
            await renderer.Dispatcher.InvokeAsync(() =>
            {
                using var writer = new StreamWriter(pipe.Writer.AsStream(leaveOpen: true), Utf8, BufferSize, leaveOpen: false);
                page.WriteHtmlTo(writer);
            });
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
