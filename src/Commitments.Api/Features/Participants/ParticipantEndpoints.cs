namespace Commitments.Api.Features.Participants;

public static class ParticipantEndpoints
{
    public static RouteGroupBuilder MapParticipants(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/participants").WithTags("Catalogue");
        ListParticipants.Map(group);
        GetParticipant.Map(group);
        GetObligations.Map(group);
        CreateParticipant.Map(group);
        PatchParticipant.Map(group);
        return group;
    }
}
