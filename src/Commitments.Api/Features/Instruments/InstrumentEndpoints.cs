using Commitments.Api.Errors;
using Commitments.Api.Features.Catalogue;
using Commitments.Infrastructure.Catalogue;
using Mediator;

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
