using Commitments.Api.Features.Catalogue;
using Commitments.Api.Http;
using Commitments.Infrastructure.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Instruments;

public static class GetInstrument
{
    /// <summary>One instrument, now or as the catalogue recorded it at a time.</summary>
    /// <param name="Code">The instrument's code.</param>
    /// <param name="AsOf">Answer as the catalogue recorded it then (with the source edition it used then); now when left out.</param>
    public sealed record Query([FromRoute(Name = "code")] string Code, [FromQuery(Name = "asOf")] DateTime? AsOf);

    public static async Task<Results<Ok<InstrumentDto>, NotFoundProblem>> GetInstrumentAsync([AsParameters] Query query, CatalogueStore store, CancellationToken ct)
    {
        var instrument = query.AsOf is { } asOf
            ? (await store.InstrumentsAsOfAsync(Inputs.Utc(asOf), ct)).FirstOrDefault(i => i.Code == query.Code)
            : await store.InstrumentAsync(query.Code, ct);
        return instrument is { } i ? TypedResults.Ok(InstrumentDto.From(i)) : Problems.NotFound("Instrument", query.Code);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{code}", GetInstrumentAsync).Validates<Query>()
        .WithName("GetInstrument").WithSummary("Get one instrument by its code (BD, ST, SD, SOI, FAISC), now or as of a time");
}
