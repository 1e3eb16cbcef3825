namespace GitLabConnector.Secrets;

/// <summary>Lets a caller force the next read of a secret to go to the store (e.g. after GitLab refused a token).</summary>
public interface ISecretCache
{
    void Invalidate(string name);
}
