namespace Commitments.Domain;

/// <summary>
/// An obligation (participant x commitment) exists where the participant endorsed the commitment's instrument
/// and the commitment applies to the participant's kind. It is the denominator of every coverage figure.
/// </summary>
public static class Obligations
{
    /// <summary>
    /// International organisations (the EU, the UN) sign as governments do, within their competences,
    /// so commitments for governments bind them too.
    /// </summary>
    public static bool AppliesToKind(AppliesTo appliesTo, ParticipantKind kind) => appliesTo switch
    {
        AppliesTo.All => true,
        AppliesTo.Governments => kind is ParticipantKind.Government or ParticipantKind.InternationalOrganisation,
        AppliesTo.Companies => kind is ParticipantKind.Company,
        _ => false,
    };

    public static bool Exists(
        ParticipantKind kind,
        IReadOnlyCollection<string> endorsedInstruments,
        IReadOnlyCollection<string> instrumentsInScope,
        string commitmentInstrument,
        AppliesTo appliesTo) =>
        endorsedInstruments.Contains(commitmentInstrument)
        && instrumentsInScope.Contains(commitmentInstrument)
        && AppliesToKind(appliesTo, kind);
}
