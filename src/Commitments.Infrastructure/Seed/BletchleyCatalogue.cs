using Commitments.Domain;

namespace Commitments.Infrastructure.Seed;

/// <summary>
/// The catalogue as agreed at Bletchley Park (Nov 2023) and Seoul (May 2024), with the source of every fact.
/// Titles are our short paraphrases; quotations are the sources' own words as published (or, where marked, as quoted by a
/// named secondary source because the search tool returned only part of the official page). Items that could not be traced
/// to a published text are left out: BD-3, BD-8 and BD-9 (no wording found), ST-2, ST-6, ST-7, ST-8 and ST-10 (not in any
/// text found); ST-11 came from the chair's summary and is CS-1 here. Paragraph references to the Bletchley Declaration count
/// its unnumbered paragraphs from the first, and say so.
/// </summary>
public static class BletchleyCatalogue
{
    private const string BletchleyDeclarationUrl =
        "https://www.gov.uk/government/publications/ai-safety-summit-2023-the-bletchley-declaration/the-bletchley-declaration-by-countries-attending-the-ai-safety-summit-1-2-november-2023";
    /// <summary>Formed from gov.uk's address for the summit's chair's statements; the page itself was not returned by search.</summary>
    private const string SafetyTestingUrl = "https://www.gov.uk/government/publications/ai-safety-summit-2023-chairs-statement-safety-testing-2-november";
    /// <summary>The UK government's press release of 2 Nov 2023 on the session (read in copies that name GOV.UK as the source).</summary>
    private const string SafetyTestingPressReleaseUrl =
        "https://www.gov.uk/government/news/world-leaders-top-ai-companies-set-out-plan-for-safety-testing-of-frontier-as-first-global-ai-safety-summit-concludes";
    private const string ChairsSummaryUrl =
        "https://www.gov.uk/government/publications/ai-safety-summit-2023-chairs-statement-2-november/chairs-summary-of-the-ai-safety-summit-2023-bletchley-park";
    private const string SeoulDeclarationUrl =
        "https://www.gov.uk/government/publications/seoul-declaration-for-safe-innovative-and-inclusive-ai-ai-seoul-summit-2024";
    private const string SeoulStatementOfIntentUrl =
        "https://www.gov.uk/government/publications/seoul-declaration-for-safe-innovative-and-inclusive-ai-ai-seoul-summit-2024/seoul-statement-of-intent-toward-international-cooperation-on-ai-safety-science-ai-seoul-summit-2024-annex";
    private const string SeoulMinisterialStatementUrl =
        "https://www.gov.uk/government/publications/seoul-ministerial-statement-for-advancing-ai-safety-innovation-and-inclusivity-ai-seoul-summit-2024";
    private const string FrontierCommitmentsUrl =
        "https://www.gov.uk/government/publications/frontier-ai-safety-commitments-ai-seoul-summit-2024/frontier-ai-safety-commitments-ai-seoul-summit-2024";

    public static readonly IReadOnlyList<Instrument> Instruments =
    [
        new("BD", "The Bletchley Declaration by Countries Attending the AI Safety Summit, 1-2 November 2023", "2023-11-01",
            "Agreed by 28 countries and the EU at the AI Safety Summit, Bletchley Park, UK.", InstrumentKind.AgreedText, BletchleyDeclarationUrl),
        new("ST", "Safety Testing: Chair's Statement of Session Outcomes", "2023-11-02",
            "The chair's statement of a session of the AI Safety Summit: governments and companies took part; nobody signed it.",
            InstrumentKind.ChairsStatement, SafetyTestingUrl),
        new("CS", "Chair's Summary of the AI Safety Summit 2023, Bletchley Park", "2023-11-02",
            "The chair's summary of the summit's second day: what participating countries and companies agreed; nobody signed it.",
            InstrumentKind.ChairsStatement, ChairsSummaryUrl),
        new("SD", "Seoul Declaration for safe, innovative and inclusive AI", "2024-05-21",
            "Adopted at the AI Seoul Summit Leaders' Session (virtual).", InstrumentKind.AgreedText, SeoulDeclarationUrl),
        new("SOI", "Seoul Statement of Intent toward International Cooperation on AI Safety Science", "2024-05-21",
            "Annex to the Seoul Declaration.", InstrumentKind.AgreedText, SeoulStatementOfIntentUrl),
        new("FAISC", "Frontier AI Safety Commitments, AI Seoul Summit 2024", "2024-05-21",
            "Announced at the AI Seoul Summit; companies that signed later joined without a published date.",
            InstrumentKind.AgreedText, FrontierCommitmentsUrl),
        new("SMS", "Seoul Ministerial Statement for advancing AI safety, innovation and inclusivity", "2024-05-22",
            "Signed at the AI Seoul Summit Ministers' Session by 27 governments and the EU (Computer Weekly, 22 May 2024). "
            + "The signatory list is transcribed from the statement and was not re-checked against the page in this catalogue's last review.",
            InstrumentKind.AgreedText, SeoulMinisterialStatementUrl),
    ];

    /// <summary>Signatories of the Bletchley Declaration (the brief, checked against the declaration's list of countries).</summary>
    private static readonly (string Id, string Name)[] BletchleyGovernments =
    [
        ("AU", "Australia"), ("BR", "Brazil"), ("CA", "Canada"), ("CL", "Chile"), ("CN", "China"), ("FR", "France"),
        ("DE", "Germany"), ("IN", "India"), ("ID", "Indonesia"), ("IE", "Ireland"), ("IL", "Israel"), ("IT", "Italy"),
        ("JP", "Japan"), ("KE", "Kenya"), ("SA", "Saudi Arabia"), ("NL", "Netherlands"), ("NG", "Nigeria"),
        ("PH", "Philippines"), ("KR", "Republic of Korea"), ("RW", "Rwanda"), ("SG", "Singapore"), ("ES", "Spain"),
        ("CH", "Switzerland"), ("TR", "Türkiye"), ("UA", "Ukraine"), ("AE", "United Arab Emirates"),
        ("GB", "United Kingdom"), ("US", "United States"),
    ];

    /// <summary>
    /// Took part in the safety testing session (ST, CS) and signed SD and SOI. SOI para 1 names these eleven; news reports of the
    /// session (Reuters, 2 Nov 2023) name the same governments.
    /// </summary>
    private static readonly string[] SafetyTestingGovernments = ["AU", "CA", "EU", "FR", "DE", "IT", "JP", "KR", "SG", "US", "GB"];

    /// <summary>Signed the Seoul Ministerial Statement (27 governments and the EU; China did not sign).</summary>
    private static readonly string[] MinisterialStatementGovernments =
        ["AU", "CA", "CL", "FR", "DE", "IN", "ID", "IL", "IT", "JP", "KE", "MX", "NL", "NG", "NZ", "PH", "KR", "RW", "SA", "SG", "ES",
         "CH", "TR", "UA", "AE", "GB", "US", "EU"];

    /// <summary>
    /// Companies, with their headquarters country where a public source states it (news reports and company profiles; none is a
    /// registry). Magic: no source found; MiniMax: only its founding city, so neither is recorded.
    /// </summary>
    private static readonly (string Id, string Name, string? Parent, string? Headquarters, string[] Aliases)[] Companies =
    [
        ("amazon", "Amazon", null, "US", ["Amazon Web Services", "AWS"]),
        ("anthropic", "Anthropic", null, "US", []),
        ("google", "Google", null, "US", []),
        ("google-deepmind", "Google DeepMind", "google", "GB", ["DeepMind"]),
        ("inflection-ai", "Inflection AI", null, "US", []),
        ("meta", "Meta", null, "US", []),
        ("microsoft", "Microsoft", null, "US", []),
        ("mistral-ai", "Mistral AI", null, "FR", []),
        ("openai", "OpenAI", null, "US", ["Open AI"]),
        ("xai", "xAI", null, "US", []),
        ("cohere", "Cohere", null, "CA", []),
        ("g42", "G42", null, "AE", []),
        ("ibm", "IBM", null, "US", []),
        ("naver", "Naver", null, "KR", []),
        ("samsung-electronics", "Samsung Electronics", null, "KR", ["Samsung"]),
        ("tii", "Technology Innovation Institute", null, "AE", ["TII"]),
        ("zhipu-ai", "Zhipu AI", null, "CN", []),
        ("magic", "Magic", null, null, []),
        ("minimax", "MiniMax", null, null, ["Minimax"]),
        ("01-ai", "01.AI", null, "CN", []),
        ("nvidia", "NVIDIA", null, "US", []),
    ];

    /// <summary>Google DeepMind is part of Google's corporate group: Google's updates cover it, so the group is counted once.</summary>
    private static readonly string[] ReportThroughParent = ["google-deepmind"];

    /// <summary>
    /// The companies named as taking part in the safety testing session (news reports of 2 Nov 2023 list "Amazon Web Services,
    /// Anthropic, Google, Google DeepMind, Inflection AI, Meta, Microsoft, Mistral AI, and Open AI"). xAI is in no list found.
    /// </summary>
    private static readonly string[] SafetyTestingCompanies =
        ["amazon", "anthropic", "google", "google-deepmind", "inflection-ai", "meta", "microsoft", "mistral-ai", "openai"];

    /// <summary>The sixteen companies listed in the Frontier AI Safety Commitments on 21 May 2024.</summary>
    private static readonly string[] FrontierOriginal =
        ["amazon", "anthropic", "cohere", "google", "g42", "ibm", "inflection-ai", "meta", "microsoft", "mistral-ai",
         "naver", "openai", "samsung-electronics", "tii", "xai", "zhipu-ai"];

    /// <summary>Joined the Frontier AI Safety Commitments later; no source gives the date, so it is recorded as unknown.</summary>
    private static readonly string[] FrontierJoinedLater = ["magic", "minimax", "01-ai", "nvidia"];

    public static IReadOnlyList<Participant> Participants { get; } = BuildParticipants();

    private static List<Participant> BuildParticipants()
    {
        var original = (string code, string date) => new Endorsement(code, date, EndorsementBasis.Original);
        var tookPart = (string code) => new Endorsement(code, "2023-11-02", EndorsementBasis.TookPart);
        List<Endorsement> Seoul(string id) => MinisterialStatementGovernments.Contains(id) ? [original("SMS", "2024-05-22")] : [];
        List<Participant> list = [];
        foreach (var (id, name) in BletchleyGovernments)
        {
            List<Endorsement> endorsements = [original("BD", "2023-11-01")];
            if (SafetyTestingGovernments.Contains(id))
                endorsements.AddRange([tookPart("ST"), tookPart("CS"), original("SD", "2024-05-21"), original("SOI", "2024-05-21")]);
            endorsements.AddRange(Seoul(id));
            list.Add(new(id, name, ParticipantKind.Government, null, null, [], endorsements));
        }
        list.Add(new("EU", "European Union", ParticipantKind.InternationalOrganisation, null, null, ["EU"],
            [original("BD", "2023-11-01"), tookPart("ST"), tookPart("CS"), original("SD", "2024-05-21"), original("SOI", "2024-05-21"), .. Seoul("EU")]));
        // New Zealand joined the Bletchley Declaration on 23 October 2024 (the brief; gov.uk's declaration page notes it).
        list.Add(new("NZ", "New Zealand", ParticipantKind.Government, null, null, [],
            [.. Seoul("NZ"), new("BD", "2024-10-23", EndorsementBasis.JoinedLater)]));
        list.Add(new("MX", "Mexico", ParticipantKind.Government, null, null, [], Seoul("MX")));
        list.Add(new("UN", "United Nations", ParticipantKind.InternationalOrganisation, null, null, [], []));
        foreach (var (id, name, parent, headquarters, aliases) in Companies)
        {
            List<Endorsement> endorsements = [];
            if (SafetyTestingCompanies.Contains(id)) endorsements.AddRange([tookPart("ST"), tookPart("CS")]);
            if (FrontierOriginal.Contains(id)) endorsements.Add(original("FAISC", "2024-05-21"));
            if (FrontierJoinedLater.Contains(id)) endorsements.Add(new("FAISC", null, EndorsementBasis.JoinedLater));
            list.Add(new(id, name, ParticipantKind.Company, parent, headquarters, aliases, endorsements, ReportThroughParent.Contains(id)));
        }
        return list;
    }

    private const string Unnumbered = "(unnumbered paragraphs counted from the first)";

    private static Commitment Bd(string id, string para, AppliesTo to, string title, string quotation) =>
        new(id, "BD", $"{para} {Unnumbered}", to, title, quotation, BletchleyDeclarationUrl);

    private static Commitment Faisc(string numeral, string title, string quotation) =>
        new($"FAISC-{numeral}", "FAISC", $"commitment {numeral}", AppliesTo.Companies, title, quotation, FrontierCommitmentsUrl);

    public static readonly IReadOnlyList<Commitment> Commitments =
    [
        // BD: the declaration's own words as quoted in full-sentence excerpts (DSIT's statement of 1 Nov 2023; Reuters).
        Bd("BD-1", "para 5", AppliesTo.Governments, "Address AI risks, international in nature, through international cooperation",
            "Many risks arising from AI are inherently international in nature, and so are best addressed through international cooperation."),
        Bd("BD-2", "para 5", AppliesTo.Governments, "A pro-innovation and proportionate governance and regulatory approach",
            "a pro-innovation and proportionate governance and regulatory approach"),
        Bd("BD-4", "para 7", AppliesTo.Companies,
            "Developers of frontier AI are responsible for the safety of unusually powerful and potentially harmful systems",
            "which are unusually powerful and potentially harmful"),
        Bd("BD-5", "para 7", AppliesTo.All, "Transparency and accountability on plans to measure, monitor and mitigate harmful capabilities",
            "to provide context-appropriate transparency and accountability on their plans to measure, monitor and mitigate potentially harmful capabilities"),
        Bd("BD-6", "para 8, first item", AppliesTo.Governments,
            "Identify AI safety risks of shared concern and build a shared scientific and evidence-based understanding of them",
            "identifying AI safety risks of shared concern, building a shared scientific and evidence-based understanding of these risks, and sustaining that understanding as capabilities continue to increase"),
        Bd("BD-7", "para 8, second item", AppliesTo.Governments, "Build risk-based policies in each country, collaborating as appropriate",
            "building respective risk-based policies across our countries to ensure safety in light of such risks, collaborating as appropriate while recognising our approaches may differ based on national circumstances and applicable legal frameworks"),
        Bd("BD-7a", "para 8, second item", AppliesTo.Companies, "Increased transparency by private actors developing frontier AI",
            "increased transparency by private actors developing frontier AI capabilities"),
        Bd("BD-7b", "para 8, second item", AppliesTo.All, "Appropriate evaluation metrics", "appropriate evaluation metrics"),
        Bd("BD-7c", "para 8, second item", AppliesTo.All, "Tools for safety testing", "tools for safety testing"),
        Bd("BD-7d", "para 8, second item", AppliesTo.Governments, "Public-sector capability and scientific research",
            "developing relevant public sector capability and scientific research"),

        // ST: one sentence of the statement (as quoted by Reuters, 2 Nov 2023); the rest as the UK government's press release of the
        // same day summarises the statement, since the statement's own page was not returned by search.
        new("ST-1", "ST", "statement (sentence as quoted by Reuters, 2 Nov 2023; paragraph not identified)", AppliesTo.All,
            "Assess new frontier models' risks before and after deployment",
            "It is critical that frontier AI is developed safely and that the potential risks of new models are rigorously assessed before and after they are deployed, including by evaluating for potentially harmful capabilities",
            SafetyTestingUrl),
        new("ST-3", "ST", "press release of 2 Nov 2023 summarising the statement", AppliesTo.Governments,
            "Governments see that external safety testing of frontier AI models occurs",
            "governments have a role in seeing that external safety testing of frontier AI models occurs", SafetyTestingPressReleaseUrl),
        new("ST-4", "ST", "press release of 2 Nov 2023 summarising the statement", AppliesTo.Governments,
            "Invest in public-sector capacity for testing and other safety research",
            "invest in public sector capacity for testing and other safety research", SafetyTestingPressReleaseUrl),
        new("ST-5", "ST", "press release of 2 Nov 2023 summarising the statement", AppliesTo.Governments,
            "Share the outcomes of evaluations with other countries, where relevant",
            "to share outcomes of evaluations with other countries, where relevant", SafetyTestingPressReleaseUrl),
        new("ST-9", "ST", "press release of 2 Nov 2023 summarising the statement", AppliesTo.Governments,
            "Work towards shared standards for safety testing, in due course",
            "to work towards developing, in due course, shared standards in this area", SafetyTestingPressReleaseUrl),

        // CS: the chair's summary of 2 Nov 2023 (as quoted by copies that link the gov.uk page).
        new("CS-1", "CS", "chair's summary, on the safety testing session (paragraph not identified)", AppliesTo.Companies,
            "Support independent evaluation and testing of the next iteration of their models",
            "participating companies agreed that they would support the next iteration of their models to undergo appropriate independent evaluation and testing.",
            ChairsSummaryUrl),
        new("CS-2", "CS", "chair's summary, on the safety testing session (paragraph not identified)", AppliesTo.Governments,
            "Develop appropriate state-led evaluation and safety research",
            "Participating countries committed, depending on their circumstances, to the development of appropriate state-led evaluation and safety research",
            ChairsSummaryUrl),
        new("CS-3", "CS", "chair's summary, opening paragraphs", AppliesTo.Governments,
            "Support an independent and inclusive State of the Science report (now the International AI Safety Report)",
            "agreed to support the development of an independent and inclusive 'State of the Science' Report", ChairsSummaryUrl),

        // FAISC: the commitments' own words (gov.uk page, as transcribed with its edition of 7 February 2025).
        Faisc("I", "Assess risks across the model lifecycle",
            "Assess the risks posed by their frontier models or systems across the AI lifecycle, including before deploying that model or system, and, as appropriate, before and during training."),
        Faisc("II", "Set thresholds at which severe risks would be deemed intolerable, with input from trusted actors including home governments",
            "Set out thresholds at which severe risks posed by a model or system, unless adequately mitigated, would be deemed intolerable."),
        Faisc("III", "Mitigations to keep risks within the thresholds",
            "Articulate how risk mitigations will be identified and implemented to keep risks within defined thresholds"),
        Faisc("IV", "Processes for when thresholds are crossed, up to not developing or deploying",
            "Set out explicit processes they intend to follow if their model or system poses risks that meet or exceed the pre-defined thresholds."),
        Faisc("V", "Keep investing in commitments I to IV",
            "Continually invest in advancing their ability to implement commitments i-iv, including risk assessment and identification, thresholds definition, and mitigation effectiveness."),
        Faisc("VI", "Internal accountability and governance for commitments I to V",
            "Adhere to the commitments outlined in I-V, including by developing and continuously reviewing internal accountability and governance frameworks and assigning roles, responsibilities and sufficient resources to do so."),
        Faisc("VII", "Public transparency on commitments I to VI; more detail to trusted actors including home governments",
            "Provide public transparency on the implementation of the above (I-VI), except insofar as doing so would increase risk or divulge sensitive commercial information to a degree disproportionate to the societal benefit."),
        Faisc("VIII", "Explain how external actors are involved in assessing risks",
            "Explain how, if at all, external actors, such as governments, civil society, academics, and the public are involved in the process of assessing the risks of their AI models and systems"),
        new("FAISC-FW", "FAISC", "preamble, after the list of signatories (outside the numbered commitments)", AppliesTo.Companies,
            "Publish a safety framework focused on severe risks by the AI Action Summit in France (Paris, 10-11 February 2025)",
            "to demonstrate how they have achieved this by publishing a safety framework focused on severe risks by the upcoming AI Summit in France.",
            FrontierCommitmentsUrl),

        // SMS: as quoted by Computer Weekly on 22 May 2024; the statement's page was not returned by search.
        new("SMS-1", "SMS", "statement (sentence as quoted by Computer Weekly, 22 May 2024; paragraph not identified)", AppliesTo.Governments,
            "Guard against the full spectrum of AI risks, with criteria for assessing the risks of frontier AI",
            "it is imperative to guard against the full spectrum of AI risks", SeoulMinisterialStatementUrl),
    ];

    /// <summary>
    /// The crosswalk as seeded: pairs whose quoted texts ask the same thing, or one that carries another forward in a later
    /// instrument. Each note says why, from the quotations above; pairs that merely touch the same subject are left to the secretariat.
    /// </summary>
    public static readonly IReadOnlyList<(string CommitmentId, string LinkedCommitmentId, LinkRelation Relation, string Note)> Links =
    [
        ("FAISC-VII", "BD-5", LinkRelation.AsksSame,
            "Both ask for transparency on how frontier AI risks are handled: BD-5 \"transparency and accountability on their plans to measure, "
            + "monitor and mitigate potentially harmful capabilities\"; FAISC-VII \"public transparency on the implementation of\" I-VI (risk "
            + "assessment, thresholds, mitigations)."),
        ("FAISC-VII", "BD-7a", LinkRelation.AsksSame,
            "BD-7a asks for \"increased transparency by private actors developing frontier AI capabilities\"; FAISC-VII is that transparency, "
            + "asked of the frontier developers that signed it."),
        ("ST-4", "BD-7d", LinkRelation.AsksSame,
            "BD-7d \"developing relevant public sector capability and scientific research\"; ST-4 \"invest in public sector capacity for testing "
            + "and other safety research\": the same public capability and research, asked twice at Bletchley."),
        ("ST-4", "CS-2", LinkRelation.AsksSame,
            "CS-2 \"the development of appropriate state-led evaluation and safety research\" restates ST-4's \"public sector capacity for "
            + "testing and other safety research\" from the same safety testing session."),
        ("CS-2", "BD-7d", LinkRelation.AsksSame,
            "CS-2 \"state-led evaluation and safety research\" and BD-7d \"relevant public sector capability and scientific research\" ask "
            + "governments for the same public capability."),
        ("FAISC-I", "ST-1", LinkRelation.Succeeds,
            "ST-1 (Bletchley, 2023): risks of new models \"rigorously assessed before and after they are deployed\"; FAISC-I (Seoul, 2024) "
            + "carries it forward for its signatories: \"assess the risks ... across the AI lifecycle, including before deploying\"."),
    ];

    public static readonly IReadOnlyList<Cycle> Cycles =
    [
        new("seoul-2024", "Progress on the Bletchley commitments for the AI Seoul Summit Leaders' Session",
            new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2024, 5, 7, 23, 59, 59, DateTimeKind.Utc),
            new DateTime(2024, 5, 14, 23, 59, 59, DateTimeKind.Utc),
            CycleState.Open, "2024-05-21", ["BD", "ST", "CS"],
            "For the AI Seoul Summit Leaders' Session (21 May 2024), where \"a limited number of participants will be requested to update "
            + "on how they are fulfilling the commitments made at the Bletchley AI Safety Summit\" (the session programme, gov.uk). "
            + "The opening, due and grace dates are illustrative: no public source gives them."),
        new("paris-2025", "Frontier AI safety frameworks for the AI Action Summit, Paris",
            new DateTime(2024, 5, 22, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2025, 2, 9, 23, 59, 59, DateTimeKind.Utc),
            new DateTime(2025, 2, 9, 23, 59, 59, DateTimeKind.Utc),
            CycleState.Open, "2025-02-10", ["FAISC"],
            "The Frontier AI Safety Commitments' one dated deliverable: each signatory publishes a safety framework focused on severe "
            + "risks by the AI Action Summit in France (Paris, 10-11 February 2025), with progress on commitments I-VIII. The opening "
            + "date is illustrative; the due date is the eve of the summit, with no grace period."),
    ];
}
