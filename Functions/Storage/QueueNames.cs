namespace GitLabConnector.Storage;

/// <summary>Queue naming shared with the Functions queue trigger.</summary>
public static class QueueNames
{
    public const string PoisonSuffix = "-poison";

    /// <summary>Longest storage queue name.</summary>
    public const int MaxLength = 63;

    /// <summary>Where a message goes after MaxDequeueCount failed attempts: <c>&lt;queue&gt;-poison</c>.</summary>
    public static string Poison(string queueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        if (queueName.EndsWith(PoisonSuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{queueName}' is already a poison queue", nameof(queueName));
        }

        var poison = queueName + PoisonSuffix;
        return poison.Length <= MaxLength
            ? poison
            : throw new ArgumentException($"'{queueName}' is too long to have a poison queue (at most {MaxLength - PoisonSuffix.Length} characters)", nameof(queueName));
    }
}
