using System.Net;
using Commitments.Tests.Support;

namespace Commitments.Tests.Trust;

/// <summary>
/// An id, code or date with a trailing newline is refused as a 400 naming the field ("$" in .NET matches before a final
/// newline; the patterns end in \z), and the catalogue is left as it was.
/// </summary>
public sealed class AnchoredIdTests
{
    public static TheoryData<string, string, string, string> NewlineWrites() => new()
    {
        // path, body, field named, what to read back before and after
        { "/v1/participants", """{"id":"FI\n","name":"Finland","kind":"government"}""", "id", "/v1/participants" },
        { "/v1/participants", """{"id":"OECD\n","name":"OECD","kind":"international_organisation"}""", "id", "/v1/participants" },
        { "/v1/participants", """{"id":"acme\n","name":"Acme","kind":"company"}""", "id", "/v1/participants" },
        { "/v1/participants", """{"id":"acme","name":"Acme","kind":"company","homeGovernment":"GB\n"}""", "homeGovernment", "/v1/participants" },
        { "/v1/participants", """{"id":"FI","name":"Finland","kind":"government","endorsements":[{"instrument":"BD","endorsedOn":"2024-02-01\n"}]}""", "endorsements[0].endorsedOn", "/v1/participants" },
        { "/v1/commitments", """{"id":"SD-1\n","instrument":"SD","paragraphRef":"p","appliesTo":"all","title":"t"}""", "id", "/v1/commitments" },
        { "/v1/cycles", """{"id":"c-1\n","title":"t","opensAt":"2026-01-01T00:00:00Z","dueAt":"2026-02-01T00:00:00Z","graceUntil":"2026-02-08T00:00:00Z","instruments":["BD"]}""", "id", "/v1/cycles" },
    };

    [Theory]
    [MemberData(nameof(NewlineWrites))]
    public async Task AnIdWithATrailingNewlineIsRefusedAndNothingIsWritten(string path, string body, string field, string readBack)
    {
        await using var api = await TestApi.StartAsync();
        var client = api.Secretariat();
        var before = await (await client.GetAsync(readBack)).Content.ReadAsStringAsync();
        await (await client.PostAsync(path, HttpAssertions.Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await (await client.GetAsync(readBack)).Content.ReadAsStringAsync());
    }
}
