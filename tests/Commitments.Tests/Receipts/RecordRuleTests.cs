using Commitments.Domain;
using Commitments.Domain.Receipts;
using Record = Commitments.Domain.Receipts.Record;
using Commitments.Tests.Support;

namespace Commitments.Tests.Receipts;

/// <summary>The canonical form and the Merkle tree, as pure functions, against RFC 8785 and an independent RFC 9162 verifier.</summary>
public sealed class RecordRuleTests
{
    [Fact]
    public void JcsSortsMembersByUtf16CodeUnitsAndEscapesOnlyWhatJsonRequires()
    {
        // RFC 8785 3.2.3's sorting example: "\r", "1", "\u0080", "ö", "€", "😀", "ﬃ" in UTF-16 code unit order.
        var members = new Dictionary<string, object?>
        {
            ["\u20ac"] = "Euro Sign", ["\r"] = "Carriage Return", ["\ufb33"] = "Hebrew Letter Dalet With Dagesh", ["1"] = "One",
            ["\ud83d\ude00"] = "Emoji: Grinning Face", ["\u0080"] = "Control", ["\u00f6"] = "Latin Small Letter O With Diaeresis",
        };
        var order = Jcs.Text(members).Split(",").Select(m => m.Split(':', 2)[1].Trim('"', '}')).ToArray();
        Assert.Equal(["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face",
            "Hebrew Letter Dalet With Dagesh"], order);

        Assert.Equal("""{"a":[1,true,null,"x\"\\\n\t\u001f€"],"b":{}}""",
            Jcs.Text(new Dictionary<string, object?> { ["b"] = new Dictionary<string, object?>(), ["a"] = new object?[] { 1, true, null, "x\"\\\n\t\u001f€" } }));
        Assert.Equal("-9007199254740991", Jcs.Text(-Jcs.MaxSafeInteger));
    }

    [Fact]
    public void JcsRefusesWhatItCannotWriteCanonically()
    {
        Assert.Throws<ArgumentException>(() => Jcs.Text(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Jcs.Text(Jcs.MaxSafeInteger + 1));
        Assert.Throws<ArgumentException>(() => Jcs.Text("\ud800"));
    }

    private static IReadOnlyList<byte[]> Leaves(int n) =>
        Enumerable.Range(0, n).Select(i => MerkleTree.LeafHash(IndependentVerifier.Sha256([(byte)i, (byte)(i >> 8)]))).ToList();

    /// <summary>The stored nodes a tree of n leaves has after n appends, as the log writes them.</summary>
    private static Dictionary<TreeNode, byte[]> Appended(IReadOnlyList<byte[]> leaves)
    {
        var nodes = new Dictionary<TreeNode, byte[]>();
        for (var i = 0; i < leaves.Count; i++)
            foreach (var (node, hash) in MerkleTree.Completed(i, leaves[i], MerkleTree.LeftSiblingsOf(i).Select(s => nodes[s]).ToList()))
                nodes.Add(node, hash);
        return nodes;
    }

    private static byte[] Hash(Dictionary<TreeNode, byte[]> nodes, LeafRange range) =>
        MerkleTree.RangeHash(MerkleTree.NodesOf(range).Select(n => nodes[n]).ToList());

    [Fact]
    public void RootsFromStoredNodesEqualTheRecursiveDefinitionForEverySize()
    {
        var leaves = Leaves(70);
        var nodes = Appended(leaves);
        for (var n = 1; n <= leaves.Count; n++)
        {
            var expected = IndependentVerifier.TreeHash(leaves.Take(n).ToList());
            Assert.Equal(expected, Hash(nodes, new LeafRange(0, n)));
            Assert.Equal(expected, MerkleTree.Root(leaves.Take(n).ToList()));
        }
    }

    [Fact]
    public void InclusionAndConsistencyProofsVerifyIndependentlyForEveryPair()
    {
        var leaves = Leaves(40);
        var nodes = Appended(leaves);
        byte[] Root(long n) => IndependentVerifier.TreeHash(leaves.Take((int)n).ToList());
        for (long n = 1; n <= leaves.Count; n++)
        {
            for (long m = 0; m < n; m++)
            {
                var path = MerkleTree.InclusionPath(m, n).Select(r => Hash(nodes, r)).ToList();
                Assert.True(IndependentVerifier.VerifyInclusion(m, n, leaves[(int)m], path, Root(n)), $"inclusion of {m} in {n}");
                Assert.False(IndependentVerifier.VerifyInclusion(m, n, leaves[(int)((m + 1) % n)], path, Root(n)) && n > 1, $"wrong leaf {m} in {n}");
                var proof = MerkleTree.ConsistencyPath(m + 1, n).Select(r => Hash(nodes, r)).ToList();
                Assert.True(IndependentVerifier.VerifyConsistency(m + 1, n, Root(m + 1), Root(n), proof), $"consistency {m + 1} -> {n}");
            }
        }
    }

    [Fact]
    public void AChangedRevisionHasAnotherHashAndBreaksTheChainAfterIt()
    {
        var id = new UpdateIdentity("u-1", "GB", "BD-1", "seoul-2024");
        var content = new UpdateContent(ImplementationStatus.Substantial, "Done.", null, null, [], Confidentiality.Public, null);
        var revision = new UpdateRevision("u-1", 1, UpdateAction.Create, UpdateState.Draft, null, content, null, "k-1", Role.Liaison, "GB",
            new DateTime(2024, 5, 1, 9, 30, 0, DateTimeKind.Utc).AddTicks(1234567));
        var hash = Record.RevisionHash(id, revision);
        Assert.Equal(IndependentVerifier.Utf8Sha256(Jcs.Text(Record.RevisionForm(id, revision))), hash);
        Assert.Contains("\"recordedAt\":\"2024-05-01T09:30:00.1234567Z\"", Jcs.Text(Record.RevisionForm(id, revision)));
        var forged = revision with { Content = content with { Summary = "Done!" } };
        Assert.NotEqual(hash, Record.RevisionHash(id, forged));
        var genesis = Record.GenesisHash(id);
        Assert.NotEqual(Record.ChainHash(genesis, hash), Record.ChainHash(genesis, Record.RevisionHash(id, forged)));
        Assert.Equal(IndependentVerifier.Hex(IndependentVerifier.Sha256(IndependentVerifier.Bytes(genesis), IndependentVerifier.Bytes(hash))),
            Record.ChainHash(genesis, hash));
    }

    [Fact]
    public void ARevisionCitingNothingHashesAsBeforeCitationsAndACitationIsPartOfTheHash()
    {
        var id = new UpdateIdentity("u-1", "GB", "BD-7d", "seoul-2024");
        var content = new UpdateContent(ImplementationStatus.Substantial, "Done.", null, null, [], Confidentiality.Public, null);
        var revision = new UpdateRevision("u-1", 1, UpdateAction.Create, UpdateState.Draft, null, content, null, "k-1", Role.Liaison, "GB",
            new DateTime(2024, 5, 1, 9, 30, 0, DateTimeKind.Utc));
        var before = Record.RevisionHash(id, revision);
        Assert.DoesNotContain("alsoAnswers", Jcs.Text(Record.RevisionForm(id, revision)));
        Assert.Equal(before, Record.RevisionHash(id, revision with { Content = content with { AlsoAnswers = [] } }));
        var cited = revision with { Content = content with { AlsoAnswers = ["ST-4", "CS-2"] } };
        Assert.Contains("\"alsoAnswers\":[\"ST-4\",\"CS-2\"]", Jcs.Text(Record.RevisionForm(id, cited)));
        Assert.NotEqual(before, Record.RevisionHash(id, cited));
        Assert.NotEqual(Record.RevisionHash(id, cited), Record.RevisionHash(id, revision with { Content = content with { AlsoAnswers = ["CS-2", "ST-4"] } }));
    }

    /// <summary>The worked example in docs/receipts.md (computed there with Python's json and hashlib) is what the server computes.</summary>
    [Fact]
    public void TheReadmeWorkedExampleIsWhatTheServerComputes()
    {
        var id = new UpdateIdentity("0190a1b2-0000-7000-8000-000000000001", "GB", "BD-1", "seoul-2024");
        var content = new UpdateContent(ImplementationStatus.Substantial, "AI Safety Institute established.", null, null,
            [new EvidenceLink("https://www.gov.uk/", "AISI", null)], Confidentiality.Public, null);
        var revision = new UpdateRevision(id.UpdateId, 1, UpdateAction.Create, UpdateState.Submitted, null, content, null,
            "0190a1b2-0000-7000-8000-0000000000aa", Role.Liaison, "GB", new DateTime(2024, 5, 1, 9, 30, 0, DateTimeKind.Utc).AddTicks(1234567));
        Assert.Equal("e764959ac709ebd8565136f31afe0764bca23ae71d0f6a73a54c08b3bc1bc802", Record.GenesisHash(id));
        Assert.Equal("9b398a0d2cdc00f10aab71a2955ca640fa47760c232be7afb8abcf7f72878fdd", Record.RevisionHash(id, revision));
        Assert.Equal("e12e268f1d8739b5f0ffa8768015ecfdbeb33fc7f308c08baf0ed8837f917b46",
            Record.ChainHash(Record.GenesisHash(id), Record.RevisionHash(id, revision)));
        Assert.Equal("fdd627f592748d6dd8cc2a144e60ec096afdc804b51e2db5dd60cca45e1fdcbc",
            Record.Hex(MerkleTree.LeafHash(Convert.FromHexString(Record.RevisionHash(id, revision)))));
    }
}
