namespace Commitments.Api.Features.Commitments;

public static class CommitmentEndpoints
{
    public static RouteGroupBuilder MapCommitments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/commitments").WithTags("Catalogue");
        ListCommitments.Map(group);
        GetCommitment.Map(group);
        CreateCommitment.Map(group);
        PatchCommitment.Map(group);
        return group;
    }
}
