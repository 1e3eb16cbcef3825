using Azure;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableServiceTests(AzuriteFixture azurite)
{
    private readonly TableService _tables = azurite.CreateTableService();
    private readonly CancellationToken _ct = CancellationToken.None;

    private async Task<string> NewTableAsync()
    {
        var name = AzuriteFixture.NewTableName();
        await _tables.CreateTableIfNotExistsAsync(name, _ct);
        return name;
    }

    [Fact]
    public async Task Creating_an_existing_table_is_not_an_error()
    {
        var name = await NewTableAsync();

        await _tables.CreateTableIfNotExistsAsync(name, _ct);

        Assert.Empty(await ListAsync(name, null));
    }

    [Fact]
    public async Task Querying_a_table_that_does_not_exist_fails_with_404()
    {
        var e = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await foreach (var _ in _tables.QueryAsync(AzuriteFixture.NewTableName(), null, null, _ct))
            {
            }
        });

        Assert.Equal(404, e.Status);
    }

    [Fact]
    public async Task Insert_then_get_returns_the_entity_with_its_ETag()
    {
        var name = await NewTableAsync();

        var etag = await _tables.InsertAsync(name, new TableEntity("p", "r") { ["Name"] = "alpha" }, _ct);
        var entity = await _tables.GetAsync(name, "p", "r", _ct);

        Assert.NotNull(entity);
        Assert.Equal("alpha", entity.GetString("Name"));
        Assert.Equal(etag, entity.ETag);
        Assert.NotNull(entity.Timestamp);
    }

    [Fact]
    public async Task Inserting_a_duplicate_fails_with_409()
    {
        var name = await NewTableAsync();
        await _tables.InsertAsync(name, new TableEntity("p", "r"), _ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _tables.InsertAsync(name, new TableEntity("p", "r"), _ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task Get_of_a_missing_entity_returns_null()
    {
        var name = await NewTableAsync();

        Assert.Null(await _tables.GetAsync(name, "nope", "nope", _ct));
    }

    [Fact]
    public async Task Typed_properties_round_trip()
    {
        var name = await NewTableAsync();
        var when = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2));
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "typed")
        {
            ["Text"] = "hello",
            ["Flag"] = true,
            ["Small"] = 42,
            ["Big"] = (long)int.MaxValue + 5,
            ["Ratio"] = 2.5,
            ["Whole"] = 3.0,
            ["When"] = when,
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 254, 255 },
        };

        await _tables.InsertAsync(name, entity, _ct);
        var read = await _tables.GetAsync(name, "p", "typed", _ct);

        Assert.NotNull(read);
        Assert.Equal("hello", read["Text"]);
        Assert.Equal(true, read["Flag"]);
        Assert.Equal(42, read["Small"]);
        Assert.Equal((long)int.MaxValue + 5, read["Big"]);
        Assert.Equal(2.5, read["Ratio"]);
        Assert.Equal(3.0, read["Whole"]);
        Assert.Equal(when, read["When"]);
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(id, read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, read["Bytes"]);
    }

    [Theory]
    [InlineData("o'brien", "it's 'quoted'")]
    [InlineData("Grüße", "你好 🚀")]
    [InlineData("a b+c", "x=y&z%20")]
    public async Task Keys_with_quotes_unicode_and_url_characters_work_for_every_operation(string partitionKey, string rowKey)
    {
        var name = await NewTableAsync();

        await _tables.InsertAsync(name, new TableEntity(partitionKey, rowKey) { ["V"] = 1 }, _ct);
        var read = await _tables.GetAsync(name, partitionKey, rowKey, _ct);
        await _tables.UpsertAsync(name, new TableEntity(partitionKey, rowKey) { ["V"] = 2 }, TableUpdateMode.Replace, _ct);
        var filtered = await ListAsync(name, Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"));
        await _tables.DeleteAsync(name, partitionKey, rowKey, "*", _ct);

        Assert.NotNull(read);
        Assert.Equal(partitionKey, read.PartitionKey);
        Assert.Equal(rowKey, read.RowKey);
        Assert.Equal(2, Assert.Single(filtered)["V"]);
        Assert.Null(await _tables.GetAsync(name, partitionKey, rowKey, _ct));
    }

    [Fact]
    public async Task Upsert_replace_drops_properties_that_are_not_sent()
    {
        var name = await NewTableAsync();
        await _tables.UpsertAsync(name, new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, TableUpdateMode.Replace, _ct);

        await _tables.UpsertAsync(name, new TableEntity("p", "r") { ["A"] = "a2" }, TableUpdateMode.Replace, _ct);

        var read = await _tables.GetAsync(name, "p", "r", _ct);
        Assert.Equal("a2", read?["A"]);
        Assert.Null(read?["B"]);
    }

    [Fact]
    public async Task Merge_keeps_other_properties_and_upserts_when_missing()
    {
        var name = await NewTableAsync();
        await _tables.UpsertAsync(name, new TableEntity("p", "r") { ["A"] = "a" }, TableUpdateMode.Merge, _ct);

        await _tables.UpsertAsync(name, new TableEntity("p", "r") { ["B"] = "b" }, TableUpdateMode.Merge, _ct);

        var read = await _tables.GetAsync(name, "p", "r", _ct);
        Assert.Equal("a", read?["A"]);
        Assert.Equal("b", read?["B"]);
    }

    [Fact]
    public async Task Conditional_update_succeeds_with_the_current_ETag_and_fails_412_with_a_stale_one()
    {
        var name = await NewTableAsync();
        var first = await _tables.InsertAsync(name, new TableEntity("p", "r") { ["N"] = 1 }, _ct);

        var second = await _tables.UpdateAsync(name, new TableEntity("p", "r") { ["N"] = 2 }, first, TableUpdateMode.Replace, _ct);
        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => _tables.UpdateAsync(name, new TableEntity("p", "r") { ["N"] = 3 }, first, TableUpdateMode.Merge, _ct));

        Assert.NotEqual(first, second);
        Assert.Equal(412, error.Status);
        Assert.Equal(2, (await _tables.GetAsync(name, "p", "r", _ct))?["N"]);
    }

    [Fact]
    public async Task Conditional_update_of_a_missing_entity_fails_404()
    {
        var name = await NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => _tables.UpdateAsync(name, new TableEntity("p", "missing"), "*", TableUpdateMode.Replace, _ct));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Delete_of_a_missing_entity_is_not_an_error_but_a_stale_ETag_is()
    {
        var name = await NewTableAsync();
        var etag = await _tables.InsertAsync(name, new TableEntity("p", "r"), _ct);
        await _tables.UpsertAsync(name, new TableEntity("p", "r") { ["X"] = 1 }, TableUpdateMode.Replace, _ct);

        await _tables.DeleteAsync(name, "p", "missing", "*", _ct);
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _tables.DeleteAsync(name, "p", "r", etag, _ct));

        Assert.Equal(412, error.Status);
    }

    private async Task<List<TableEntity>> ListAsync(string name, string? filter)
    {
        var list = new List<TableEntity>();
        await foreach (var entity in _tables.QueryAsync(name, filter, null, _ct))
        {
            list.Add(entity);
        }

        return list;
    }
}
