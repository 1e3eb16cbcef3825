using GitLabConnector.Admin;
using Microsoft.Azure.Functions.Worker;

namespace GitLabConnector.Hosting.Worker;

public sealed class ProjectFunctions(AdminDependencyFilter guard, ProjectHandlers projects)
{
    private const AuthorizationLevel Admin = AuthorizationLevel.Function;

    [Function("list-projects")]
    public Task<IResult> ListAsync([HttpTrigger(Admin, "get", Route = "connections/{id}/projects")] HttpRequest request, string id, CancellationToken ct) =>
        guard.RunAsync(request, async () => await projects.ListAsync(id, request.Query["page"].FirstOrDefault(), request.Query["search"].FirstOrDefault(), ct));

    [Function("install-project-hook")]
    public Task<IResult> InstallHookAsync([HttpTrigger(Admin, "post", Route = "connections/{id}/projects/{projectId:long}/hook")] HttpRequest request, string id, long projectId, CancellationToken ct) =>
        guard.RunAsync(request, async () => await projects.InstallHookAsync(id, projectId, ct));
}
