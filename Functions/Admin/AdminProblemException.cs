namespace GitLabConnector.Admin;

/// <summary>Ends an admin request early with its problem answer; <see cref="AdminDependencyFilter"/> returns it.</summary>
internal sealed class AdminProblemException(ProblemHttpResult problem) : Exception(problem.ProblemDetails.Detail)
{
    public ProblemHttpResult Problem { get; } = problem;
}
