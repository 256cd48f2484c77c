using Commitments.Domain;

namespace Commitments.Infrastructure.Seed;

/// <summary>
/// The catalogue as agreed at Bletchley Park (Nov 2023) and Seoul (May 2024), with the source of every fact.
/// Titles are our short paraphrases; quotations are the primary texts' own words, word for word, with an ellipsis (…) wherever
/// they are cut (a test holds each to its text). The one quotation whose text was not found (SMS-1) names the secondary
/// source it came from. ST-11 of the brief came from the chair's summary and is CS-1 here. Paragraph references say what they
/// count; the Bletchley Declaration's paragraphs are unnumbered and counted from the first.
/// </summary>
public static class BletchleyCatalogue
{
    private const string BletchleyDeclarationUrl =
        "https://www.gov.uk/government/publications/ai-safety-summit-2023-the-bletchley-declaration/the-bletchley-declaration-by-countries-attending-the-ai-safety-summit-1-2-november-2023";
    /// <summary>Formed from gov.uk's address for the summit's chair's statements; the page itself was not returned by search.</summary>
    private const string SafetyTestingUrl = "https://www.gov.uk/government/publications/ai-safety-summit-2023-chairs-statement-safety-testing-2-november";
    private const string ChairsSummaryUrl =
        "https://www.gov.uk/government/publications/ai-safety-summit-2023-chairs-statement-2-november/chairs-summary-of-the-ai-safety-summit-2023-bletchley-park";
    private const string SeoulDeclarationUrl =
        "https://www.gov.uk/government/publications/seoul-declaration-for-safe-innovative-and-inclusive-ai-ai-seoul-summit-2024/seoul-declaration-for-safe-innovative-and-inclusive-ai-by-participants-attending-the-leaders-session-ai-seoul-summit-21-may-2024";
    private const string SeoulStatementOfIntentUrl =
        "https://www.gov.uk/government/publications/seoul-declaration-for-safe-innovative-and-inclusive-ai-ai-seoul-summit-2024/seoul-statement-of-intent-toward-international-cooperation-on-ai-safety-science-ai-seoul-summit-2024-annex";
    private const string SeoulMinisterialStatementUrl =
        "https://www.gov.uk/government/publications/seoul-ministerial-statement-for-advancing-ai-safety-innovation-and-inclusivity-ai-seoul-summit-2024";
    private const string FrontierCommitmentsUrl =
        "https://www.gov.uk/government/publications/frontier-ai-safety-commitments-ai-seoul-summit-2024/frontier-ai-safety-commitments-ai-seoul-summit-2024";

    /// <summary>The day the catalogue was last checked line by line against the prints of the published pages.</summary>
    private const string CheckedOn = "2026-12-08";

    public static readonly IReadOnlyList<Instrument> Instruments =
    [
        new("BD", "The Bletchley Declaration by Countries Attending the AI Safety Summit, 1-2 November 2023", "2023-11-01",
            "Agreed by 28 countries and the EU at the AI Safety Summit, Bletchley Park, UK; New Zealand joined on 23 October 2024.",
            InstrumentKind.AgreedText, BletchleyDeclarationUrl, new("updated", "2025-02-13", CheckedOn)),
        new("ST", "Safety Testing: Chair's Statement of Session Outcomes", "2023-11-02",
            "The chair's statement of a session of the AI Safety Summit: governments and companies took part; nobody signed it. "
            + "The print carries no edition line.",
            InstrumentKind.ChairsStatement, SafetyTestingUrl, new(null, null, CheckedOn)),
        new("CS", "Chair's Summary of the AI Safety Summit 2023, Bletchley Park", "2023-11-02",
            "The chair's summary of both days of the summit (1-2 November 2023): what the countries attending, and the safety testing "
            + "session's countries and companies, agreed; nobody signed it. The print carries no edition line.",
            InstrumentKind.ChairsStatement, ChairsSummaryUrl, new(null, null, CheckedOn)),
        new("SD", "Seoul Declaration for safe, innovative and inclusive AI", "2024-05-21",
            "Adopted at the AI Seoul Summit Leaders' Session (virtual).", InstrumentKind.AgreedText, SeoulDeclarationUrl,
            new("published", "2024-05-21", CheckedOn)),
        new("SOI", "Seoul Statement of Intent toward International Cooperation on AI Safety Science", "2024-05-21",
            "Annex to the Seoul Declaration.", InstrumentKind.AgreedText, SeoulStatementOfIntentUrl, new("published", "2024-05-21", CheckedOn)),
        new("FAISC", "Frontier AI Safety Commitments, AI Seoul Summit 2024", "2024-05-21",
            "Announced at the AI Seoul Summit; four companies added later are listed on the page as updated on 7 February 2025.",
            InstrumentKind.AgreedText, FrontierCommitmentsUrl, new("updated", "2025-02-07", CheckedOn)),
        new("SMS", "Seoul Ministerial Statement for advancing AI safety, innovation and inclusivity", "2024-05-22",
            "Signed at the AI Seoul Summit Ministers' Session by 27 governments and the EU (Computer Weekly, 22 May 2024). "
            + "No full text was found: the signatory list and the one quotation come from secondary sources, and no edition of the page was read.",
            InstrumentKind.AgreedText, SeoulMinisterialStatementUrl, new(null, null, CheckedOn)),
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
    /// Took part in the safety testing session (ST, CS) and signed SD and SOI: the safety testing statement's first paragraph,
    /// SD para 1 and SOI para 1 name these eleven.
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
        ("zhipu-ai", "Zhipu AI", null, "CN", ["Zhipu.ai"]),
        ("magic", "Magic", null, null, []),
        ("minimax", "MiniMax", null, null, ["Minimax"]),
        ("01-ai", "01.AI", null, "CN", ["01.ai"]),
        ("nvidia", "NVIDIA", null, "US", []),
    ];

    /// <summary>Google DeepMind is part of Google's corporate group: Google's updates cover it, so the group is counted once.</summary>
    private static readonly string[] ReportThroughParent = ["google-deepmind"];

    /// <summary>
    /// The companies the safety testing statement names as taking part: "Amazon Web Services, Anthropic, Google, Google DeepMind,
    /// Inflection AI, Meta, Microsoft, Mistral AI, Open AI and xAI".
    /// </summary>
    private static readonly string[] SafetyTestingCompanies =
        ["amazon", "anthropic", "google", "google-deepmind", "inflection-ai", "meta", "microsoft", "mistral-ai", "openai", "xai"];

    /// <summary>
    /// What the countries attending the summit but not the safety testing session agreed in the chair's summary: to support the
    /// State of the Science report (CS-3). The rest of CS records the safety testing session.
    /// </summary>
    private static readonly string[] AttendingCountriesAgreed = ["CS-3"];

    /// <summary>The sixteen companies listed in the Frontier AI Safety Commitments on 21 May 2024.</summary>
    private static readonly string[] FrontierOriginal =
        ["amazon", "anthropic", "cohere", "google", "g42", "ibm", "inflection-ai", "meta", "microsoft", "mistral-ai",
         "naver", "openai", "samsung-electronics", "tii", "xai", "zhipu-ai"];

    /// <summary>
    /// Added to the Frontier AI Safety Commitments later: no source gives the day, but the page updated on 7 February 2025 lists
    /// them, so they had joined by then.
    /// </summary>
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
            else endorsements.Add(tookPart("CS") with { Covers = AttendingCountriesAgreed });
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
            if (FrontierJoinedLater.Contains(id)) endorsements.Add(new("FAISC", "2025-02-07", EndorsementBasis.JoinedLater, Precision: DatePrecision.By));
            list.Add(new(id, name, ParticipantKind.Company, parent, headquarters, aliases, endorsements, ReportThroughParent.Contains(id)));
        }
        return list;
    }

    private const string Unnumbered = "(unnumbered paragraphs counted from the first)";

    private static Commitment Bd(string id, string para, AppliesTo to, string title, string quotation) =>
        new(id, "BD", $"{para} {Unnumbered}", to, title, quotation, BletchleyDeclarationUrl);

    private const string Acknowledged = "of the participants' acknowledgements (bullets counted from the first)";
    private const string GovernmentsPlan = "of what \"the governments will plan to\" do (bullets counted from the first)";

    private static Commitment St(string id, string reference, AppliesTo to, string title, string quotation) =>
        new(id, "ST", reference, to, title, quotation, SafetyTestingUrl);

    private static Commitment Faisc(string numeral, string title, string quotation) =>
        new($"FAISC-{numeral}", "FAISC", $"commitment {numeral} (the text's own numerals I-VIII)", AppliesTo.Companies, title, quotation, FrontierCommitmentsUrl);

    private static Commitment Faisc(string id, string reference, string title, string quotation) =>
        new(id, "FAISC", $"{reference}, after the lists of signatories (paragraphs counted from the first; outside the numbered commitments)",
            AppliesTo.Companies, title, quotation, FrontierCommitmentsUrl);

    private static Commitment Numbered(string id, string instrument, string para, string title, string quotation, string url) =>
        new(id, instrument, $"para {para} (the text's own numbering)", AppliesTo.Governments, title, quotation, url);

    private const string BdAgenda = "… our agenda for addressing frontier AI risk will focus on: ";
    private const string BdIncludes = "This includes, alongside increased transparency by private actors developing frontier AI capabilities, ";
    private const string StPlan = "Further, the governments will plan to: ";

    public static readonly IReadOnlyList<Commitment> Commitments =
    [
        Bd("BD-1", "para 5, first and second sentences", AppliesTo.Governments,
            "Work together inclusively, through existing international fora, to address the broad range of AI risks",
            "Many risks arising from AI are inherently international in nature, and so are best addressed through international cooperation. "
            + "We resolve to work together in an inclusive manner to ensure human-centric, trustworthy and responsible AI that is safe, and supports "
            + "the good of all through existing international fora and other relevant initiatives, to promote cooperation to address the broad range "
            + "of risks posed by AI."),
        Bd("BD-1a", "para 5, last sentence", AppliesTo.Governments,
            "Intensify and sustain cooperation on frontier AI risks, broaden it to further countries, including through future summits",
            "With regard to the specific risks most likely found in relation to frontier AI, we resolve to intensify and sustain our cooperation, "
            + "and broaden it with further countries, to identify, understand and as appropriate act, through existing international fora and other "
            + "relevant initiatives, including future international AI Safety Summits."),
        Bd("BD-2", "para 5, third sentence", AppliesTo.Governments, "Consider a pro-innovation and proportionate governance and regulatory approach",
            "In doing so, we recognise that countries should consider the importance of a pro-innovation and proportionate governance and regulatory "
            + "approach that maximises the benefits and takes into account the risks associated with AI."),
        Bd("BD-3", "para 6, third sentence", AppliesTo.Governments,
            "Inclusive international collaboration, and development-orientated approaches that help developing countries build AI capacity",
            "Noting the importance of inclusive AI and bridging the digital divide, we reaffirm that international collaboration should endeavour to "
            + "engage and involve a broad range of partners as appropriate, and welcome development-orientated approaches and policies that could help "
            + "developing countries strengthen AI capacity building and leverage the enabling role of AI to support sustainable growth and address the "
            + "development gap."),
        Bd("BD-4", "para 7, first sentence", AppliesTo.Companies,
            "Developers of frontier AI are responsible for the safety of their systems, through safety testing, evaluations and other measures",
            "We affirm that, whilst safety must be considered across the AI lifecycle, actors developing frontier AI capabilities, in particular those "
            + "AI systems which are unusually powerful and potentially harmful, have a particularly strong responsibility for ensuring the safety of "
            + "these AI systems, including through systems for safety testing, through evaluations, and by other appropriate measures."),
        Bd("BD-5", "para 7, second sentence", AppliesTo.All, "Transparency and accountability on plans to measure, monitor and mitigate harmful capabilities",
            "We encourage all relevant actors to provide context-appropriate transparency and accountability on their plans to measure, monitor and "
            + "mitigate potentially harmful capabilities and the associated effects that may emerge, in particular to prevent misuse and issues of "
            + "control, and the amplification of other risks."),
        Bd("BD-6", "para 8, first item", AppliesTo.Governments,
            "Identify AI safety risks of shared concern and build a shared scientific and evidence-based understanding of them",
            BdAgenda + "identifying AI safety risks of shared concern, building a shared scientific and evidence-based understanding of these risks, "
            + "and sustaining that understanding as capabilities continue to increase, in the context of a wider global approach to understanding the "
            + "impact of AI in our societies."),
        Bd("BD-7", "para 8, second item, first sentence", AppliesTo.Governments, "Build risk-based policies in each country, collaborating as appropriate",
            BdAgenda + "… building respective risk-based policies across our countries to ensure safety in light of such risks, collaborating as "
            + "appropriate while recognising our approaches may differ based on national circumstances and applicable legal frameworks."),
        Bd("BD-7a", "para 8, second item, second sentence", AppliesTo.Companies, "Increased transparency by private actors developing frontier AI",
            BdIncludes + "…"),
        Bd("BD-7b", "para 8, second item, second sentence", AppliesTo.All, "Appropriate evaluation metrics",
            BdIncludes + "appropriate evaluation metrics, …"),
        Bd("BD-7c", "para 8, second item, second sentence", AppliesTo.All, "Tools for safety testing",
            BdIncludes + "… tools for safety testing, …"),
        Bd("BD-7d", "para 8, second item, second sentence", AppliesTo.Governments, "Public-sector capability and scientific research",
            BdIncludes + "… and developing relevant public sector capability and scientific research."),
        Bd("BD-8", "para 9", AppliesTo.Governments,
            "Support an internationally inclusive network of scientific research on frontier AI safety",
            "In furtherance of this agenda, we resolve to support an internationally inclusive network of scientific research on frontier AI safety "
            + "that encompasses and complements existing and new multilateral, plurilateral and bilateral collaboration, including through existing "
            + "international fora and other relevant initiatives, to facilitate the provision of the best science available for policy making and the "
            + "public good."),
        Bd("BD-9", "para 10", AppliesTo.Governments,
            "Sustain an inclusive global dialogue and continue research on frontier AI safety; meet again in 2024",
            "In recognition of the transformative positive potential of AI, and as part of ensuring wider international cooperation on AI, we resolve "
            + "to sustain an inclusive global dialogue that engages existing international fora and other relevant initiatives and contributes in an "
            + "open manner to broader international discussions, and to continue research on frontier AI safety to ensure that the benefits of the "
            + "technology can be harnessed responsibly for good and for all. We look forward to meeting again in 2024."),

        St("ST-1", $"first bullet {Acknowledged}", AppliesTo.All, "Assess new frontier models' risks rigorously before and after deployment",
            "To enjoy the potential of frontier AI, as described in the Bletchley Declaration, it is critical that frontier AI is developed safely and "
            + "that the potential risks of new models are rigorously assessed before and after they are deployed, including by evaluating for "
            + "potentially harmful capabilities."),
        St("ST-2", $"second bullet {Acknowledged}, first and second sentences", AppliesTo.Companies,
            "Developers devise and conduct safety testing and hold the technical means of mitigating risks and addressing vulnerabilities",
            "Ensuring the safety of frontier AI systems is a shared responsibility across the AI life cycle and in particular between the actors "
            + "developing and deploying them. Developers both have responsibility to devise and conduct safety testing through evaluations, "
            + "transparency, and other appropriate measures, and the technical means of mitigating risks and addressing vulnerabilities."),
        St("ST-3", $"third bullet {Acknowledged}, first and second sentences", AppliesTo.Governments,
            "See that external evaluations are undertaken for frontier AI models developed in the country, under its applicable law",
            "Governments have a responsibility for the overall framework for AI in their countries, including in relation to standard setting. "
            + "Governments recognise their increasing role for seeing that external evaluations are undertaken for frontier AI models developed within "
            + "their countries in accordance with their locally applicable legal frameworks, working in collaboration with other governments with "
            + "aligned interests and relevant capabilities as appropriate, and taking into account, where possible, any established international "
            + "standards."),
        St("ST-4", $"fourth bullet {Acknowledged}", AppliesTo.Governments,
            "Invest, depending on circumstances, in public-sector capability for testing and safety research, and in the science of evaluations",
            "Governments plan, depending on their circumstances, to invest in public sector capability for testing and other safety research, "
            + "including advancing the science of evaluating frontier AI models, and to work in partnership with the private sector and other relevant "
            + "sectors, and other governments as appropriate to this end."),
        St("ST-5", $"fifth bullet {Acknowledged}", AppliesTo.Governments,
            "Collaborate on consistent approaches and share evaluation outcomes, where it can be done safely, with countries where a model is deployed",
            "Governments will plan to collaborate with one another and promote consistent approaches in this effort, and to share the outcomes of "
            + "these evaluations, where sharing can be done safely, securely and appropriately, with other countries where the frontier AI model will "
            + "be deployed."),
        St("ST-6", $"first bullet {GovernmentsPlan}", AppliesTo.Governments, "Work together to develop best practices in safety testing",
            StPlan + "work together to develop best practices in this emerging area; …"),
        St("ST-7", $"second bullet {GovernmentsPlan}", AppliesTo.Governments, "Explore arrangements for skills exchange and secondments",
            StPlan + "… explore arrangements for skills exchange and secondments to further build capability in AI safety; …"),
        St("ST-8", $"third bullet {GovernmentsPlan}", AppliesTo.Governments, "Develop arrangements for research collaboration on the science of AI safety",
            StPlan + "… develop arrangements for research collaboration to support excellence in developing the science and techniques of AI safety; …"),
        St("ST-9", $"fourth bullet {GovernmentsPlan}", AppliesTo.Governments,
            "Work towards shared methodologies on testing and, in due course, shared standards",
            StPlan + "… work towards shared methodologies on testing and develop in due course shared standards in this area."),
        St("ST-10", "last paragraph (the one before ENDS), second sentence", AppliesTo.All,
            "Expand cooperation to further countries and support safety testing capabilities with developing-country partners",
            "Participants will look to expand their cooperation with further countries, and in particular will, as appropriate, look to support the "
            + "development of safety testing capabilities with developing country partners."),

        new("CS-1", "CS", "fourth paragraph under \"Objective 3 … Objective 4\" (paragraphs counted from that heading)", AppliesTo.Companies,
            "Support independent evaluation and testing of the next iteration of their models",
            "… participating companies agreed that they would support the next iteration of their models to undergo appropriate independent "
            + "evaluation and testing.", ChairsSummaryUrl, Aliases: ["ST-11"]), // the first seed's ST-11: its words are the chair's summary's
        new("CS-2", "CS", "fourth paragraph under \"Objective 3 … Objective 4\" (paragraphs counted from that heading)", AppliesTo.Governments,
            "Develop appropriate state-led evaluation and safety research",
            "Participating countries committed, depending on their circumstances, to the development of appropriate state-led evaluation and safety "
            + "research …", ChairsSummaryUrl),
        new("CS-3", "CS", "Introduction, second and third bullets (bullets counted from the first)", AppliesTo.Governments,
            "Support an independent and inclusive State of the Science report (now the International AI Safety Report)",
            "On 1 November, countries attending agreed to the Bletchley Declaration … They participated in a broad and inclusive discussion, … on "
            + "2 November agreed to support the development of an independent and inclusive ‘State of the Science’ Report, led by the Turing "
            + "Award-winning scientist Yoshua Bengio.", ChairsSummaryUrl),

        Faisc("I", "Assess risks across the model lifecycle",
            "Assess the risks posed by their frontier models or systems across the AI lifecycle, including before deploying that model or system, "
            + "and, as appropriate, before and during training. Risk assessments should consider model capabilities and the context in which they are "
            + "developed and deployed, as well as the efficacy of implemented mitigations to reduce the risks associated with their foreseeable use and "
            + "misuse. They should also consider results from internal and external evaluations as appropriate, such as by independent third-party "
            + "evaluators, their home governments, and other bodies their governments deem appropriate."),
        Faisc("II", "Set thresholds at which severe risks would be deemed intolerable, with input from trusted actors including home governments",
            "Set out thresholds at which severe risks posed by a model or system, unless adequately mitigated, would be deemed intolerable. Assess "
            + "whether these thresholds have been breached, including monitoring how close a model or system is to such a breach. These thresholds "
            + "should be defined with input from trusted actors, including organisations’ respective home governments as appropriate. They should "
            + "align with relevant international agreements to which their home governments are party. They should also be accompanied by an "
            + "explanation of how thresholds were decided upon, and by specific examples of situations where the models or systems would pose "
            + "intolerable risk."),
        Faisc("III", "Mitigations to keep risks within the thresholds",
            "Articulate how risk mitigations will be identified and implemented to keep risks within defined thresholds, including safety and "
            + "security-related risk mitigations such as modifying system behaviours and implementing robust security controls for unreleased model "
            + "weights."),
        Faisc("IV", "Processes for when thresholds are crossed, up to not developing or deploying",
            "Set out explicit processes they intend to follow if their model or system poses risks that meet or exceed the pre-defined thresholds. "
            + "This includes processes to further develop and deploy their systems and models only if they assess that residual risks would stay "
            + "below the thresholds. In the extreme, organisations commit not to develop or deploy a model or system at all, if mitigations cannot be "
            + "applied to keep risks below the thresholds."),
        Faisc("V", "Keep investing in commitments I to IV",
            "Continually invest in advancing their ability to implement commitments i-iv, including risk assessment and identification, thresholds "
            + "definition, and mitigation effectiveness. This should include processes to assess and monitor the adequacy of mitigations, and identify "
            + "additional mitigations as needed to ensure risks remain below the pre-defined thresholds. They will contribute to and take into account "
            + "emerging best practice, international standards, and science on AI risk identification, assessment, and mitigation."),
        Faisc("VI", "Internal accountability and governance for commitments I to V",
            "Adhere to the commitments outlined in I-V, including by developing and continuously reviewing internal accountability and governance "
            + "frameworks and assigning roles, responsibilities and sufficient resources to do so."),
        Faisc("VII", "Public transparency on commitments I to VI; more detail to trusted actors including home governments",
            "Provide public transparency on the implementation of the above (I-VI), except insofar as doing so would increase risk or divulge "
            + "sensitive commercial information to a degree disproportionate to the societal benefit. They should still share more detailed "
            + "information which cannot be shared publicly with trusted actors, including their respective home governments or appointed body, as "
            + "appropriate."),
        Faisc("VIII", "Explain how external actors are involved in assessing risks, the framework's adequacy and adherence to it",
            "Explain how, if at all, external actors, such as governments, civil society, academics, and the public are involved in the process of "
            + "assessing the risks of their AI models and systems, the adequacy of their safety framework (as described under I-VI), and their "
            + "adherence to that framework."),
        Faisc("FAISC-FW", "first paragraph",
            "Publish a safety framework focused on severe risks by the AI Action Summit in France (Paris, 10-11 February 2025)",
            "The above organisations, in furtherance of safe and trustworthy AI, undertake to develop and deploy their frontier AI models and systems "
            + "responsibly, in accordance with the following voluntary commitments, and to demonstrate how they have achieved this by publishing a "
            + "safety framework focused on severe risks by the upcoming AI Summit in France."),
        Faisc("FAISC-PU", "second paragraph", "Public updates, with reasons, when their approaches to commitments I-VIII evolve",
            "Given the evolving state of the science in this area, the undersigned organisations’ approaches (as detailed in paragraphs I-VIII) to "
            + "meeting Outcomes 1, 2 and 3 may evolve in the future. In such instances, organisations will provide transparency on this, including "
            + "their reasons, through public updates."),
        Faisc("FAISC-BP", "third paragraph",
            "Implement current best practices: red-teaming, information sharing, cybersecurity and insider-threat safeguards, third-party "
            + "discovery, provenance of AI-generated content, public reporting of capabilities, research on societal risks",
            "The above organisations also affirm their commitment to implement current best practices related to frontier AI safety, including: "
            + "internal and external red-teaming of frontier AI models and systems for severe and novel threats; to work toward information sharing; "
            + "to invest in cybersecurity and insider threat safeguards to protect proprietary and unreleased model weights; to incentivize "
            + "third-party discovery and reporting of issues and vulnerabilities; to develop and deploy mechanisms that enable users to understand if "
            + "audio or visual content is AI-generated; to publicly report model or system capabilities, limitations, and domains of appropriate and "
            + "inappropriate use; to prioritize research on societal risks posed by frontier AI models and systems; and to develop and deploy frontier "
            + "AI models and systems to help address the world’s greatest challenges."),

        Numbered("SD-1", "SD", "4", "Support AI safety institutes and similar bodies, cooperate on safety research and share best practices through their networks",
            "We support existing and ongoing efforts of the participants to this Declaration to create or expand AI safety institutes, research "
            + "programmes and/or other relevant institutions including supervisory bodies, and we strive to promote cooperation on safety research and "
            + "to share best practices by nurturing networks between these organizations.", SeoulDeclarationUrl),
        Numbered("SD-2", "SD", "7, second sentence", "Include a wide range of international stakeholders in conversations around AI governance",
            "Recognizing that all states will be affected by the benefits and risks of AI, we will actively include a wide range of international "
            + "stakeholders in conversations around AI governance.", SeoulDeclarationUrl),

        Numbered("SOI-1", "SOI", "2.2", "Leverage and promote common scientific understandings such as the International AI Safety Report",
            "We affirm our intention to leverage and promote common scientific understandings through assessments such as the International AI "
            + "Safety Report (https://www.gov.uk/government/publications/international-scientific-report-on-the-safety-of-advanced-ai), to guide and "
            + "align our respective policies, where appropriate, and to enable safe, secure, and trustworthy AI innovation, in line with our governance "
            + "frameworks.", SeoulStatementOfIntentUrl),
        Numbered("SOI-2", "SOI", "2.3", "Foster common international scientific understanding of AI safety, with interoperable methodologies",
            "We express our shared intent to take steps toward fostering common international scientific understanding on aspects of AI safety, "
            + "including by endeavouring to promote complementarity and interoperability in our technical methodologies and overall approaches.",
            SeoulStatementOfIntentUrl),
        Numbered("SOI-3", "SOI", "2.5", "Coordinate efforts, define priorities, report progress and promote international standards",
            "We intend to coordinate our efforts to maximise efficiency, define priorities, report progress, enhance our outputs’ scientific rigor "
            + "and robustness, promote the development and adoption of international standards, and accelerate the advancement of evidence-based "
            + "approaches to AI safety.", SeoulStatementOfIntentUrl),
        Numbered("SOI-4", "SOI", "3, first sentence", "Develop an international network among key partners on the science of AI safety",
            "We articulate our shared ambition to develop an international network among key partners to accelerate the advancement of the science "
            + "of AI safety.", SeoulStatementOfIntentUrl),

        // SMS: no full text was found; the one sentence is as a secondary source quotes it, and the data says so.
        new("SMS-1", "SMS", "statement (paragraph not identified: no full text was found)", AppliesTo.Governments,
            "Guard against the full spectrum of AI risks, with criteria for assessing the risks of frontier AI",
            "it is imperative to guard against the full spectrum of AI risks", SeoulMinisterialStatementUrl,
            QuotedFrom: "Computer Weekly, 22 May 2024 (a report of the statement; the statement's own text was not found)"),
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
            "BD-7d \"developing relevant public sector capability and scientific research\"; ST-4 \"invest in public sector capability for "
            + "testing and other safety research\": the same public capability and research, asked twice at Bletchley."),
        ("ST-4", "CS-2", LinkRelation.AsksSame,
            "CS-2 \"the development of appropriate state-led evaluation and safety research\" restates ST-4's \"public sector capability for "
            + "testing and other safety research\" from the same safety testing session, with the same condition, \"depending on their circumstances\"."),
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
        new("paris-2025", "Progress on the Seoul commitments, and frontier AI safety frameworks, for the AI Action Summit, Paris",
            new DateTime(2024, 5, 22, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2025, 2, 9, 23, 59, 59, DateTimeKind.Utc),
            new DateTime(2025, 2, 9, 23, 59, 59, DateTimeKind.Utc),
            CycleState.Open, "2025-02-10", ["FAISC", "SD", "SOI", "SMS"],
            "What the AI Seoul Summit (May 2024) asked, reported to the next summit: the Seoul Declaration, its Statement of Intent "
            + "(whose signatories \"report progress\"), the Ministerial Statement, and the Frontier AI Safety Commitments, whose one dated "
            + "deliverable is a safety framework focused on severe risks published by the AI Action Summit in France (Paris, 10-11 "
            + "February 2025). The opening date is illustrative; the due date is the eve of the summit, with no grace period."),
    ];
}
