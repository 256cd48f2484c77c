using Commitments.Domain;

namespace Commitments.Infrastructure.Seed;

/// <summary>
/// The catalogue as agreed at Bletchley Park (Nov 2023) and Seoul (May 2024). Titles are short paraphrases.
/// Companies' home governments are left out: they are unverified per company.
/// </summary>
public static class BletchleyCatalogue
{
    public static readonly IReadOnlyList<Instrument> Instruments =
    [
        new("BD", "Bletchley Declaration", "2023-11-01", "Agreed at the AI Safety Summit, Bletchley Park, UK."),
        new("ST", "Safety Testing: Statement of Session Outcomes", "2023-11-02", "Chair's statement of the AI Safety Summit."),
        new("SD", "Seoul Declaration", "2024-05-21", "Adopted at the AI Seoul Summit Leaders' Session."),
        new("SOI", "Seoul Statement of Intent on AI safety science", "2024-05-21", "Annex to the Seoul Declaration."),
        new("FAISC", "Frontier AI Safety Commitments", "2024-05-21", "Announced at the AI Seoul Summit."),
    ];

    private static readonly (string Id, string Name)[] BletchleyGovernments =
    [
        ("AU", "Australia"), ("BR", "Brazil"), ("CA", "Canada"), ("CL", "Chile"), ("CN", "China"), ("FR", "France"),
        ("DE", "Germany"), ("IN", "India"), ("ID", "Indonesia"), ("IE", "Ireland"), ("IL", "Israel"), ("IT", "Italy"),
        ("JP", "Japan"), ("KE", "Kenya"), ("SA", "Saudi Arabia"), ("NL", "Netherlands"), ("NG", "Nigeria"),
        ("PH", "Philippines"), ("KR", "Republic of Korea"), ("RW", "Rwanda"), ("SG", "Singapore"), ("ES", "Spain"),
        ("CH", "Switzerland"), ("TR", "Türkiye"), ("UA", "Ukraine"), ("AE", "United Arab Emirates"),
        ("GB", "United Kingdom"), ("US", "United States"),
    ];

    /// <summary>Signed ST, and later SD and SOI.</summary>
    private static readonly string[] SafetyTestingGovernments = ["AU", "CA", "EU", "FR", "DE", "IT", "JP", "KR", "SG", "US", "GB"];

    private static readonly (string Id, string Name, string? Parent, string[] Aliases)[] Companies =
    [
        ("amazon", "Amazon", null, ["Amazon Web Services", "AWS"]),
        ("anthropic", "Anthropic", null, []),
        ("google", "Google", null, []),
        ("google-deepmind", "Google DeepMind", "google", ["DeepMind"]),
        ("inflection-ai", "Inflection AI", null, []),
        ("meta", "Meta", null, []),
        ("microsoft", "Microsoft", null, []),
        ("mistral-ai", "Mistral AI", null, []),
        ("openai", "OpenAI", null, ["Open AI"]),
        ("xai", "xAI", null, []),
        ("cohere", "Cohere", null, []),
        ("g42", "G42", null, []),
        ("ibm", "IBM", null, []),
        ("naver", "Naver", null, []),
        ("samsung-electronics", "Samsung Electronics", null, ["Samsung"]),
        ("tii", "Technology Innovation Institute", null, ["TII"]),
        ("zhipu-ai", "Zhipu AI", null, []),
        ("magic", "Magic", null, []),
        ("minimax", "Minimax", null, []),
        ("01-ai", "01.AI", null, []),
        ("nvidia", "NVIDIA", null, []),
    ];

    private static readonly string[] SafetyTestingCompanies =
        ["amazon", "anthropic", "google", "google-deepmind", "inflection-ai", "meta", "microsoft", "mistral-ai", "openai", "xai"];

    private static readonly string[] FrontierOriginal =
        ["amazon", "anthropic", "cohere", "google", "g42", "ibm", "inflection-ai", "meta", "microsoft", "mistral-ai",
         "naver", "openai", "samsung-electronics", "tii", "xai", "zhipu-ai"];

    /// <summary>Joined the Frontier AI Safety Commitments after Seoul; the dates are not recorded here.</summary>
    private static readonly string[] FrontierJoinedLater = ["magic", "minimax", "01-ai", "nvidia"];

    public static IReadOnlyList<Participant> Participants { get; } = BuildParticipants();

    private static List<Participant> BuildParticipants()
    {
        var original = (string code, string date) => new Endorsement(code, date, EndorsementBasis.Original);
        List<Participant> list = [];
        foreach (var (id, name) in BletchleyGovernments)
        {
            List<Endorsement> endorsements = [original("BD", "2023-11-01")];
            if (SafetyTestingGovernments.Contains(id))
                endorsements.AddRange([original("ST", "2023-11-02"), original("SD", "2024-05-21"), original("SOI", "2024-05-21")]);
            list.Add(new(id, name, ParticipantKind.Government, null, null, [], endorsements));
        }
        list.Add(new("EU", "European Union", ParticipantKind.InternationalOrganisation, null, null, ["EU"],
            [original("BD", "2023-11-01"), original("ST", "2023-11-02"), original("SD", "2024-05-21"), original("SOI", "2024-05-21")]));
        list.Add(new("NZ", "New Zealand", ParticipantKind.Government, null, null, [],
            [new("BD", "2024-10-23", EndorsementBasis.JoinedLater)]));
        list.Add(new("UN", "United Nations", ParticipantKind.InternationalOrganisation, null, null, [], []));
        foreach (var (id, name, parent, aliases) in Companies)
        {
            List<Endorsement> endorsements = [];
            if (SafetyTestingCompanies.Contains(id)) endorsements.Add(original("ST", "2023-11-02"));
            if (FrontierOriginal.Contains(id)) endorsements.Add(original("FAISC", "2024-05-21"));
            if (FrontierJoinedLater.Contains(id)) endorsements.Add(new("FAISC", null, EndorsementBasis.JoinedLater));
            list.Add(new(id, name, ParticipantKind.Company, parent, null, aliases, endorsements));
        }
        return list;
    }

    public static readonly IReadOnlyList<Commitment> Commitments =
    [
        new("BD-1", "BD", "para 5", AppliesTo.Governments, "Cooperate on frontier AI risk through existing fora and future summits, and widen it to more countries"),
        new("BD-2", "BD", "para 5", AppliesTo.Governments, "Proportionate, pro-innovation, risk-based governance suited to national circumstances"),
        new("BD-3", "BD", "para 6", AppliesTo.Governments, "Inclusive collaboration and AI capacity building in developing countries"),
        new("BD-4", "BD", "para 7", AppliesTo.Companies, "Frontier developers ensure safety through safety testing, evaluations and other measures"),
        new("BD-5", "BD", "para 7", AppliesTo.All, "Transparency and accountability on plans to measure, monitor and mitigate harmful capabilities"),
        new("BD-6", "BD", "para 8", AppliesTo.Governments, "Identify AI safety risks of shared concern and build a shared scientific understanding of them"),
        new("BD-7", "BD", "para 8", AppliesTo.Governments, "Build risk-based policies in each country, collaborating where appropriate"),
        new("BD-7a", "BD", "para 8", AppliesTo.Companies, "Increased transparency by private actors developing frontier AI"),
        new("BD-7b", "BD", "para 8", AppliesTo.All, "Appropriate evaluation metrics"),
        new("BD-7c", "BD", "para 8", AppliesTo.All, "Tools for safety testing"),
        new("BD-7d", "BD", "para 8", AppliesTo.Governments, "Public-sector capability and scientific research"),
        new("BD-8", "BD", "para 9", AppliesTo.Governments, "Support an international network of scientific research on frontier AI safety (the State of the Science report, later the International AI Safety Report)"),
        new("BD-9", "BD", "para 10", AppliesTo.Governments, "Sustain an inclusive global dialogue and meet again in 2024"),
        new("ST-1", "ST", "statement", AppliesTo.All, "Assess new frontier models' risks before and after deployment"),
        new("ST-2", "ST", "statement", AppliesTo.Companies, "Developers run safety testing and provide means to mitigate risks and fix vulnerabilities"),
        new("ST-3", "ST", "statement", AppliesTo.Governments, "Ensure external pre- and post-deployment evaluations of frontier models developed in the country"),
        new("ST-4", "ST", "statement", AppliesTo.Governments, "Invest in public-sector testing capability and the science of evaluations"),
        new("ST-5", "ST", "statement", AppliesTo.Governments, "Share evaluation outcomes, where safe, with countries where a model is deployed"),
        new("ST-6", "ST", "statement", AppliesTo.Governments, "Develop best practice together"),
        new("ST-7", "ST", "statement", AppliesTo.Governments, "Skills exchanges and secondments"),
        new("ST-8", "ST", "statement", AppliesTo.Governments, "Research collaboration on AI safety science"),
        new("ST-9", "ST", "statement", AppliesTo.Governments, "Work toward shared testing methods and, in time, shared standards"),
        new("ST-10", "ST", "statement", AppliesTo.All, "Support safety-testing capability with developing-country partners"),
        new("ST-11", "ST", "statement", AppliesTo.Companies, "Support independent evaluation and testing of the next model generation"),
        new("FAISC-I", "FAISC", "I", AppliesTo.Companies, "Assess risks across the model lifecycle"),
        new("FAISC-II", "FAISC", "II", AppliesTo.Companies, "Set thresholds at which severe risks would be deemed intolerable"),
        new("FAISC-III", "FAISC", "III", AppliesTo.Companies, "Mitigations to keep risks within the thresholds"),
        new("FAISC-IV", "FAISC", "IV", AppliesTo.Companies, "Processes for when thresholds are crossed, up to not developing or deploying"),
        new("FAISC-V", "FAISC", "V", AppliesTo.Companies, "Keep investing in commitments I to IV"),
        new("FAISC-VI", "FAISC", "VI", AppliesTo.Companies, "Internal accountability and governance for commitments I to V"),
        new("FAISC-VII", "FAISC", "VII", AppliesTo.Companies, "Public transparency on commitments I to VI"),
        new("FAISC-VIII", "FAISC", "VIII", AppliesTo.Companies, "Explain how external actors are involved in assessing risks"),
    ];

    public static readonly IReadOnlyList<Cycle> Cycles =
    [
        new("seoul-2024", "Progress on the Bletchley commitments for the AI Seoul Summit Leaders' Session",
            new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2024, 5, 7, 23, 59, 59, DateTimeKind.Utc),
            new DateTime(2024, 5, 14, 23, 59, 59, DateTimeKind.Utc),
            CycleState.Open, "2024-05-21", ["BD", "ST"]),
    ];
}
