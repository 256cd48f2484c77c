namespace Commitments.Api.Features.Instruments;

public static class InstrumentEndpoints
{
    public static RouteGroupBuilder MapInstruments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/instruments").WithTags("Catalogue").AllowAnonymous();
        ListInstruments.Map(group);
        GetInstrument.Map(group);
        return group;
    }
}
