namespace Commitments.Api.Hosting;

/// <summary>The container health check: 0 when the URL answers 2xx within three seconds, 1 otherwise, saying why on stderr.</summary>
public static class Probe
{
    public static async Task<int> RunAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            var response = await client.GetAsync(url);
            if (response.IsSuccessStatusCode) return 0;
            await Console.Error.WriteLineAsync($"probe: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"probe: {url} did not answer: {(e is TaskCanceledException ? "no answer within 3 s" : e.Message)}");
            return 1;
        }
    }
}
