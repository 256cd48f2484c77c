using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;

namespace Commitments.Tests.Http;

/// <summary>One status per error class: malformed input 400 naming the field, an unknown reference in a body 422, an unknown resource in the path 404.</summary>
public sealed class InputStatusTests
{
    [Theory]
    [InlineData("/v1/cycles/seoul-2024/coverage?asOf=notadate", "asOf", "asOf must be a date-time, e.g. 2024-05-21T00:00:00Z.")]
    [InlineData("/v1/cycles/seoul-2024/late?asOf=2024-02-30", "asOf", "asOf must be a date-time, e.g. 2024-05-21T00:00:00Z.")]
    [InlineData("/v1/cycles/seoul-2024/briefing-pack?audience=everyone", "audience", "audience must be secretariat (default: everything, restricted items marked), governments (public and governments-level content) or public.")]
    [InlineData("/v1/audit?since=yesterday", "since", "since must be a date-time, e.g. 2024-05-21T00:00:00Z.")]
    [InlineData("/v1/participants/GB/digest?asOf=2024-05-21T00:00:00Z", "cycle", "cycle is required: the id of a reporting cycle, e.g. seoul-2024.")]
    [InlineData("/v1/participants?kind=country", "kind", "'country' is not one of: government, international_organisation, company.")]
    public async Task ABadQueryValueNamesTheFieldWithoutATypeName(string path, string field, string message)
    {
        await using var api = await TestApi.StartAsync();
        var body = await (await api.Secretariat().GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(message, Assert.Single(body["errors"]![field]!.AsArray())!.GetValue<string>());
        foreach (var typeName in new[] { "Nullable", "DateTime", "System.", "String" })
            Assert.DoesNotContain(typeName, body.ToJsonString());
    }

    /// <summary>A code is read exactly as the document lists it: another case, or a trailing space, is a 400 listing the codes.</summary>
    [Theory]
    [InlineData("Limited", "PUBLIC", "status")]
    [InlineData("limited ", "public", "status")]
    [InlineData("limited", "PUBLIC", "confidentiality")]
    [InlineData("limited", "Public", "confidentiality")]
    public async Task ACodeInAnotherSpellingIsA400NamingTheFieldAndListingTheCodes(string status, string confidentiality, string field)
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var body = await (await gb.PostAsJsonAsync("/v1/updates", Filing.Body(status: status, confidentiality: confidentiality)))
            .AssertProblemAsync(HttpStatusCode.BadRequest, field);
        var message = Assert.Single(body["errors"]![field]!.AsArray())!.GetValue<string>();
        Assert.Contains(field == "status" ? "no_evidence_available, not_started, limited, substantial, complete, not_applicable" : "public, governments, restricted", message);
        Assert.Empty(await gb.AllItemsAsync($"/v1/updates?cycle={Filing.OpenCycle}"));
    }

    [Fact]
    public async Task AnUnknownInstrumentInEndorsementsIs422()
    {
        await using var api = await TestApi.StartAsync();
        var body = await (await api.Secretariat().PostAsync("/v1/participants",
                HttpAssertions.Json("""{"id":"FI","name":"Finland","kind":"government","endorsements":[{"instrument":"XX"}]}""")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "endorsements[0].instrument");
        Assert.Contains("'XX' does not exist", body.Str("detail"));
        await (await api.Anonymous().GetAsync("/v1/participants/FI")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownResourceInThePathIs404EvenWhenTheBodyRefersToNothing()
    {
        await using var api = await TestApi.StartAsync();
        await (await api.Secretariat().PatchAsync("/v1/participants/ZZ", HttpAssertions.Json("""{"endorsements":[{"instrument":"XX"}]}""")))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.Secretariat().PostAsync("/v1/cycles/nope/exemptions",
                HttpAssertions.Json("""{"participantId":"ZZ","commitmentId":"BD-1","reason":"r"}""")))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownParticipantInAnExemptionIs422NamingIt()
    {
        await using var api = await TestApi.StartAsync();
        await (await api.Secretariat().PostAsync("/v1/cycles/seoul-2024/exemptions",
                HttpAssertions.Json("""{"participantId":"ZZ","commitmentId":"BD-1","reason":"r"}""")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "participantId");
    }
}
