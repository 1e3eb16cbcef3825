using GitLabConnector.GitLab;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Enrichment;

public sealed class PipelineEnricherTests
{
    [Fact]
    public async Task Enriches_pipeline_field_by_field_from_the_payload_alone()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/pipeline.json"), "Pipeline Hook");

        var json = EnrichmentHarness.Serialize(record);
        Assert.Equal("pipeline", (string?)json["kind"]);
        Assert.Null(json["action"]);
        Assert.Equal("2016-08-12T15:26:29Z", (string?)json["occurredAt"]);
        EnrichmentHarness.AssertJsonEqual("""{ "id": 1, "username": "root", "name": "Administrator", "email": "user_email@gitlab.com" }""", json["actor"]);
        EnrichmentHarness.AssertJsonEqual("""
            {
              "id": 31,
              "status": "success",
              "ref": "master",
              "sha": "bcbb5ec396a2c0f828686f14fac9b80b780504f2",
              "duration": 63,
              "queuedDuration": 10,
              "failedJobs": [ { "name": "test-build", "stage": "test" } ]
            }
            """, json["subject"]);
        Assert.Equal(0, harness.GitLabCalls);
    }

    [Fact]
    public async Task Payload_without_builds_reads_failed_jobs()
    {
        var harness = new EnrichmentHarness();
        harness.GitLab.GetPipelineJobsAsync(EnrichmentHarness.Connection, 1, 31, "failed", Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(EnrichmentHarness.JsonList("""[ { "id": 9, "name": "lint", "stage": "verify", "status": "failed" } ]"""));

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/pipeline.json", ("builds", null)), "Pipeline Hook");

        EnrichmentHarness.AssertJsonEqual("""[ { "name": "lint", "stage": "verify" } ]""", record.Subject["failedJobs"]);
        Assert.Equal(1, harness.GitLabCalls);
    }

    [Fact]
    public async Task Payload_without_queued_duration_reads_the_pipeline()
    {
        var harness = new EnrichmentHarness();
        harness.GitLab.GetPipelineAsync(EnrichmentHarness.Connection, 1, 31, Arg.Any<CancellationToken>())
            .Returns(EnrichmentHarness.Json("""{ "id": 31, "queued_duration": 0.5 }"""));

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("pipeline.json"), "Pipeline Hook");

        Assert.Equal(0.5, (double)record.Subject["queuedDuration"]!);
        Assert.Equal(1, harness.GitLabCalls);
    }

    [Fact]
    public async Task Forbidden_jobs_make_the_record_partial_with_unknown_failed_jobs()
    {
        var harness = new EnrichmentHarness();
        harness.GitLab.GetPipelineJobsAsync(EnrichmentHarness.Connection, 1, 31, "failed", Arg.Any<int>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new GitLabApiException(403, "403 Forbidden"));

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/pipeline.json", ("builds", null)), "Pipeline Hook");

        Assert.True(record.Partial);
        Assert.Equal(new GitLabConnector.Enrichment.EnrichmentError("projects/1/pipelines/31/jobs", 403, "forbidden for the token"), Assert.Single(record.Errors));
        Assert.Null(record.Subject["failedJobs"]);
        Assert.Equal("success", (string?)record.Subject["status"]);
    }

    [Fact]
    public async Task Jobs_too_large_to_read_make_the_record_partial_not_failed()
    {
        var harness = new EnrichmentHarness();
        harness.GitLab.GetPipelineJobsAsync(EnrichmentHarness.Connection, 1, 31, "failed", Arg.Any<int>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new GitLabResponseTooLargeException(200, "GitLab GET /projects/1/pipelines/31/jobs answered more than 16777216 bytes; not read"));

        var record = await harness.EnrichAsync(EnrichmentHarness.LoadPayload("gitlab-19/pipeline.json", ("builds", null)), "Pipeline Hook");

        Assert.True(record.Partial);
        Assert.Equal(new GitLabConnector.Enrichment.EnrichmentError("projects/1/pipelines/31/jobs", 200, "answer larger than the connector reads; not read"), Assert.Single(record.Errors));
        Assert.Null(record.Subject["failedJobs"]);
    }

    [Fact]
    public async Task Jira_keys_come_from_ref_merge_request_and_commit()
    {
        var harness = new EnrichmentHarness();

        var record = await harness.EnrichAsync(
            EnrichmentHarness.LoadPayload(
                "gitlab-19/pipeline.json",
                ("object_attributes.ref", "feature/QA-5"),
                ("merge_request.title", "QA-5 and QA-6"),
                ("commit.message", "QA-7 tests\n")),
            "Pipeline Hook");

        Assert.Equal(["QA-5", "QA-6", "QA-7"], record.JiraKeys);
    }
}
