namespace Commitments.Api.Features.Cycles;

public static class CycleEndpoints
{
    public static RouteGroupBuilder MapCycles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/cycles").WithTags("Cycles");
        ListCycles.Map(group);
        GetCycle.Map(group);
        CreateCycle.Map(group);
        PatchCycle.Map(group);
        return group;
    }
}
