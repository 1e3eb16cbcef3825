using Azure;
using Azure.Data.Tables;
using GitLabConnector.Connections;
using NSubstitute;

namespace GitLabConnector.Tests.Connections;

public class TableConnectionStoreTests
{
    private readonly TableServiceClient _tables = Substitute.For<TableServiceClient>();
    private readonly TableClient _table = Substitute.For<TableClient>();

    public TableConnectionStoreTests() => _tables.GetTableClient(TableConnectionStore.TableName).Returns(_table);

    private void QueryFailsWith(RequestFailedException exception) =>
        _table.QueryAsync<TableEntity>(Arg.Any<string>(), Arg.Any<int?>(), Arg.Any<IEnumerable<string>>(), Arg.Any<CancellationToken>())
            .Returns(_ => throw exception);

    [Fact]
    public async Task Lists_nothing_without_creating_the_table_when_it_does_not_exist()
    {
        QueryFailsWith(new RequestFailedException(404, "no table", "TableNotFound", null));

        var list = await new TableConnectionStore(_tables).ListAsync(default);

        Assert.Empty(list);
        await _table.DidNotReceiveWithAnyArgs().CreateIfNotExistsAsync(default);
    }

    [Theory]
    [InlineData(503, "ServerBusy")]
    [InlineData(404, "ResourceNotFound")]
    public async Task Other_storage_failures_reach_the_caller(int status, string code)
    {
        QueryFailsWith(new RequestFailedException(status, "failed", code, null));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => new TableConnectionStore(_tables).ListAsync(default));

        Assert.Equal(status, e.Status);
    }
}
