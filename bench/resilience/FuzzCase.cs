namespace GitLabConnector.Resilience;

/// <summary>One fuzzed webhook request: what is sent, and which mutations produced it (for the failure report).</summary>
public sealed record FuzzCase(int Index, string ConnectionSegment, IReadOnlyList<(string Name, string Value)> Headers, string? ContentType, byte[] Body, IReadOnlyList<string> Mutations)
{
    public override string ToString() => $"case {Index} [{string.Join(", ", Mutations.DefaultIfEmpty("valid"))}]";
}
