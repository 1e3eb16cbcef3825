using Azure;
using GitLabConnector.Connections;
using GitLabConnector.Storage;
using NSubstitute;

namespace GitLabConnector.Tests.Connections;

public class TableConnectionStoreTests
{
    private readonly ITableService _tables = Substitute.For<ITableService>();

    [Fact]
    public async Task Lists_nothing_without_creating_the_table_when_it_does_not_exist()
    {
        _tables.QueryAsync(TableConnectionStore.TableName, Arg.Any<string?>(), Arg.Any<int?>(), Arg.Any<CancellationToken>())
            .Returns(_ => Throwing(new RequestFailedException(404, "no table", "TableNotFound", null)));

        var list = await new TableConnectionStore(_tables).ListAsync(default);

        Assert.Empty(list);
        await _tables.DidNotReceiveWithAnyArgs().CreateTableIfNotExistsAsync(default!, default);
    }

    [Theory]
    [InlineData(503, "ServerBusy")]
    [InlineData(404, "ResourceNotFound")]
    public async Task Other_storage_failures_reach_the_caller(int status, string code)
    {
        _tables.QueryAsync(TableConnectionStore.TableName, Arg.Any<string?>(), Arg.Any<int?>(), Arg.Any<CancellationToken>())
            .Returns(_ => Throwing(new RequestFailedException(status, "failed", code, null)));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => new TableConnectionStore(_tables).ListAsync(default));

        Assert.Equal(status, e.Status);
    }

    private static async IAsyncEnumerable<TableEntity> Throwing(Exception exception)
    {
        await Task.Yield();
        throw exception;
#pragma warning disable CS0162 // an iterator needs a yield to be one
        yield break;
#pragma warning restore CS0162
    }
}
