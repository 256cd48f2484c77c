using Commitments.Api.Features.Reports.Printable;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Commitments.Api.Features.Reports;

/// <summary>
/// The printable pack (A4 landscape, print CSS only: Chromium prints it from the HTML alone), rendered from Razor components,
/// which encode every value by default.
/// </summary>
public sealed class PackHtml(IServiceProvider services, ILoggerFactory loggers)
{
    public async Task<string> RenderAsync(PrintablePack model)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PackDocument.Model)] = model });
            return (await renderer.RenderComponentAsync<PackDocument>(parameters)).ToHtmlString();
        });
    }

    /// <summary>The origin links in the printed pack point to, so they still work in a PDF.</summary>
    public static string ApiBase(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
