using System.Net;
using Commitments.Tests.Support;

namespace Commitments.Tests.Access;

/// <summary>
/// Bad input to every catalogue write is a 400 naming the field, a reference to something that does not exist is a 422
/// naming the field, and either way the catalogue is left as it was.
/// </summary>
public sealed class AdminInputTests
{
    private static readonly string Long = new('x', 600);

    public static TheoryData<string, string, string, string, string> BadWrites() => new()
    {
        // method, path, body, field named, what to read back before and after
        { "POST", "/v1/participants", """{"name":"Finland","kind":"government"}""", "id", "/v1/participants" },
        { "POST", "/v1/participants", """{"id":"fin","name":"Finland","kind":"government"}""", "id", "/v1/participants" },
        { "POST", "/v1/participants", """{"id":"FI","name":"Finland","kind":"state"}""", "kind", "/v1/participants" },
        { "POST", "/v1/participants", """{"id":"FI","name":42,"kind":"government"}""", "name", "/v1/participants" },
        { "POST", "/v1/participants", """{"id":"FI","name":"Finland","kind":"government","flag":"blue"}""", "flag", "/v1/participants" },
        { "POST", "/v1/participants", $$"""{"id":"FI","name":"{{Long}}","kind":"government"}""", "name", "/v1/participants" },
        { "POST", "/v1/participants", """{"id":"FI","name":"Finland","kind":"government","endorsements":[{"instrument":"BD","endorsedOn":"2024-02-30"}]}""", "endorsements[0].endorsedOn", "/v1/participants" },
        { "PATCH", "/v1/participants/GB", """{"name":""}""", "name", "/v1/participants/GB" },
        { "PATCH", "/v1/participants/GB", """{"homeGovernment":"United Kingdom"}""", "homeGovernment", "/v1/participants/GB" },
        { "PATCH", "/v1/participants/openai", """{"parentId":"openai"}""", "parentId", "/v1/participants/openai" },
        { "PATCH", "/v1/participants/GB", """{"endorsements":[{"instrument":"BD"},{"instrument":"BD"}]}""", "endorsements[1].instrument", "/v1/participants/GB" },
        { "POST", "/v1/commitments", """{"id":"SD-1","instrument":"SD","paragraphRef":"p","appliesTo":"everyone","title":"t"}""", "appliesTo", "/v1/commitments" },
        { "POST", "/v1/commitments", """{"id":"1 bad id","instrument":"SD","paragraphRef":"p","appliesTo":"all","title":"t"}""", "id", "/v1/commitments" },
        { "POST", "/v1/commitments", $$"""{"id":"SD-1","instrument":"SD","paragraphRef":"p","appliesTo":"all","title":"{{Long}}"}""", "title", "/v1/commitments" },
        { "PATCH", "/v1/commitments/BD-1", """{"title":""}""", "title", "/v1/commitments/BD-1" },
        { "PATCH", "/v1/commitments/BD-1", """{"appliesTo":3}""", "appliesTo", "/v1/commitments/BD-1" },
        { "POST", "/v1/cycles", """{"id":"c-1","title":"t","opensAt":"2026-03-01T00:00:00Z","dueAt":"2026-02-01T00:00:00Z","graceUntil":"2026-03-08T00:00:00Z","instruments":["BD"]}""", "dueAt", "/v1/cycles" },
        { "POST", "/v1/cycles", """{"id":"c-1","title":"t","opensAt":"2026-01-01T00:00:00Z","dueAt":"2026-02-01T00:00:00Z","graceUntil":"2026-01-08T00:00:00Z","instruments":["BD"]}""", "graceUntil", "/v1/cycles" },
        { "POST", "/v1/cycles", """{"id":"c-1","title":"t","opensAt":"tomorrow","dueAt":"2026-02-01T00:00:00Z","graceUntil":"2026-02-08T00:00:00Z","instruments":["BD"]}""", "opensAt", "/v1/cycles" },
        { "POST", "/v1/cycles", """{"id":"C 1","title":"t","opensAt":"2026-01-01T00:00:00Z","dueAt":"2026-02-01T00:00:00Z","graceUntil":"2026-02-08T00:00:00Z","instruments":["BD"]}""", "id", "/v1/cycles" },
        { "POST", "/v1/cycles", """{"id":"c-1","title":"t","opensAt":"2026-01-01T00:00:00Z","dueAt":"2026-02-01T00:00:00Z","graceUntil":"2026-02-08T00:00:00Z"}""", "instruments", "/v1/cycles" },
        { "PATCH", "/v1/cycles/seoul-2024", """{"dueAt":"2023-01-01T00:00:00Z"}""", "dueAt", "/v1/cycles/seoul-2024" },
        { "PATCH", "/v1/cycles/seoul-2024", """{"state":"paused"}""", "state", "/v1/cycles/seoul-2024" },
        { "PATCH", "/v1/cycles/seoul-2024", """{"sessionOn":"21 May"}""", "sessionOn", "/v1/cycles/seoul-2024" },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task ABadCatalogueWriteNamesTheFieldAndChangesNothing(string method, string path, string body, string field, string readBack)
    {
        await using var api = await TestApi.StartAsync();
        var before = await api.Anonymous().GetStringAsync(readBack);
        var response = await api.Secretariat().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = HttpAssertions.Json(body) });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await api.Anonymous().GetStringAsync(readBack));
    }

    public static TheoryData<string, string, string, string, string> UnknownReferences() => new()
    {
        // method, path, body, field named, what to read back before and after
        { "POST", "/v1/participants", """{"id":"FI","name":"Finland","kind":"government","endorsements":[{"instrument":"XX"}]}""", "endorsements[0].instrument", "/v1/participants" },
        { "POST", "/v1/participants", """{"id":"acme","name":"Acme","kind":"company","parentId":"nobody"}""", "parentId", "/v1/participants" },
        { "POST", "/v1/commitments", """{"id":"SD-1","instrument":"NOPE","paragraphRef":"p","appliesTo":"all","title":"t"}""", "instrument", "/v1/commitments" },
        { "POST", "/v1/cycles", """{"id":"c-1","title":"t","opensAt":"2026-01-01T00:00:00Z","dueAt":"2026-02-01T00:00:00Z","graceUntil":"2026-02-08T00:00:00Z","instruments":["XYZ"]}""", "instruments[0]", "/v1/cycles" },
        { "PATCH", "/v1/participants/GB", """{"endorsements":[{"instrument":"BD"},{"instrument":"XX"}]}""", "endorsements[1].instrument", "/v1/participants/GB" },
        { "PATCH", "/v1/participants/GB", """{"parentId":"nobody"}""", "parentId", "/v1/participants/GB" },
        { "PATCH", "/v1/cycles/seoul-2024", """{"instruments":["BD","XYZ"]}""", "instruments[1]", "/v1/cycles/seoul-2024" },
    };

    [Theory]
    [MemberData(nameof(UnknownReferences))]
    public async Task AnUnknownReferenceInABodyIs422NamingTheFieldAndChangesNothing(string method, string path, string body, string field, string readBack)
    {
        await using var api = await TestApi.StartAsync();
        var before = await api.Anonymous().GetStringAsync(readBack);
        var response = await api.Secretariat().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = HttpAssertions.Json(body) });
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, field);
        Assert.Equal(before, await api.Anonymous().GetStringAsync(readBack));
    }

    [Theory]
    [InlineData("/v1/participants", """{"id":"GB","name":"Again","kind":"government"}""")]
    [InlineData("/v1/commitments", """{"id":"BD-1","instrument":"BD","paragraphRef":"p","appliesTo":"all","title":"t"}""")]
    [InlineData("/v1/cycles", """{"id":"seoul-2024","title":"t","opensAt":"2026-01-01T00:00:00Z","dueAt":"2026-02-01T00:00:00Z","graceUntil":"2026-02-08T00:00:00Z","instruments":["BD"]}""")]
    public async Task ADuplicateIdIsAConflict(string path, string body)
    {
        await using var api = await TestApi.StartAsync();
        await (await api.Secretariat().PostAsync(path, HttpAssertions.Json(body))).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PatchingAnUnknownIdIs404()
    {
        await using var api = await TestApi.StartAsync();
        await (await api.Secretariat().PatchAsync("/v1/participants/ZZ", HttpAssertions.Json("""{"name":"x"}"""))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.Secretariat().PatchAsync("/v1/commitments/BD-99", HttpAssertions.Json("""{"title":"x"}"""))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.Secretariat().PatchAsync("/v1/cycles/none", HttpAssertions.Json("""{"title":"x"}"""))).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
