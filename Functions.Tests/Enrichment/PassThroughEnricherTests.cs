namespace GitLabConnector.Tests.Enrichment;

public sealed class PassThroughEnricherTests
{
    public static TheoryData<string> AllPayloads()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(EnrichmentHarness.PayloadsRoot, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(EnrichmentHarness.PayloadsRoot, f).Replace('\\', '/'))
            .Where(f => !f.Contains("fragments/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPayloads))]
    public async Task Every_example_payload_enriches_with_kind_project_and_actor_when_present(string file)
    {
        var harness = new EnrichmentHarness();
        var payload = EnrichmentHarness.LoadPayload(file);

        var record = await harness.EnrichAsync(payload, "Some Hook");

        var expectedKind = payload.TryGetProperty("object_kind", out var kind) ? kind.GetString() : payload.GetProperty("event_name").GetString();
        Assert.Equal(expectedKind, record.Kind);
        if (payload.TryGetProperty("project", out var project))
        {
            Assert.Equal(project.GetProperty("id").GetInt64(), record.Project?.Id);
            Assert.Equal(project.GetProperty("path_with_namespace").GetString(), record.Project?.Path);
        }

        if (payload.TryGetProperty("user", out var user))
        {
            Assert.Equal(user.GetProperty("id").GetInt64(), record.Actor?.Id);
            Assert.Equal(user.TryGetProperty("username", out var username) ? username.GetString() : null, record.Actor?.Username);
        }

        Assert.NotNull(record.OccurredAt);
        Assert.NotNull(EnrichmentHarness.Serialize(record)["subject"]);
    }

    [Fact]
    public async Task Job_hook_passes_through_under_kind_build()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/job.json"), "Job Hook");

        Assert.Equal("build", record.Kind);
        Assert.Equal(1977, (long)record.Subject["build_id"]!);
        Assert.Null(record.Subject["project"]);
        Assert.Equal("user", record.Actor?.Username);
        Assert.Equal(new DateTimeOffset(2021, 2, 23, 2, 41, 37, 886, TimeSpan.Zero), record.OccurredAt);
        Assert.Equal(0, harness.GitLabCalls);
    }

    [Fact]
    public async Task Member_hook_without_object_kind_is_kind_event_name()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/member-add-to-group.json"), "Member Hook");

        Assert.Equal("user_add_to_group", record.Kind);
        Assert.Equal("user_add_to_group", record.Action);
        Assert.Null(record.Project);
        Assert.Equal("test_user", (string?)record.Subject["user_username"]);
        Assert.Equal(100, (long)record.Subject["group_id"]!);
        Assert.Null(record.Subject["event_name"]);
    }

    [Fact]
    public async Task Project_hook_fills_project_from_top_level_fields()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/project-create.json"), "Project Hook");

        Assert.Equal("project_create", record.Kind);
        Assert.Equal(new GitLabConnector.Enrichment.EnrichedProject(22, "group1/project1", null), record.Project);
    }

    [Fact]
    public async Task Wiki_page_subject_is_object_attributes_as_is()
    {
        var harness = new EnrichmentHarness();
        var payload = EnrichmentHarness.LoadPayload("gitlab-19/wiki-page.json");

        var record = await harness.EnrichAsync(payload, "Wiki Page Hook", "wiki_page");

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(payload.GetProperty("object_attributes").GetRawText()),
            record.Subject));
        Assert.Equal("create", record.Action);
    }

    [Fact]
    public async Task Envelope_object_kind_wins_over_the_payload()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/deployment.json"), "Deployment Hook", "deployment");

        Assert.Equal("deployment", record.Kind);
        Assert.Equal(new DateTimeOffset(2021, 4, 28, 19, 50, 0, TimeSpan.Zero), record.OccurredAt);
    }
}
