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

        Assert.Empty((await _tables.QueryPageAsync(name, null, null, null, _ct)).Entities);
    }

    [Fact]
    public async Task Querying_a_table_that_does_not_exist_fails_with_404()
    {
        var e = await Assert.ThrowsAsync<StorageRequestFailedException>(async () =>
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

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => _tables.InsertAsync(name, new TableEntity("p", "r"), _ct));

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
        var filtered = await _tables.QueryPageAsync(name, $"PartitionKey eq '{partitionKey.Replace("'", "''", StringComparison.Ordinal)}'", null, null, _ct);
        await _tables.DeleteAsync(name, partitionKey, rowKey, "*", _ct);

        Assert.NotNull(read);
        Assert.Equal(partitionKey, read.PartitionKey);
        Assert.Equal(rowKey, read.RowKey);
        Assert.Equal(2, Assert.Single(filtered.Entities)["V"]);
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
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => _tables.UpdateAsync(name, new TableEntity("p", "r") { ["N"] = 3 }, first, TableUpdateMode.Merge, _ct));

        Assert.NotEqual(first, second);
        Assert.Equal(412, error.Status);
        Assert.Equal(2, (await _tables.GetAsync(name, "p", "r", _ct))?["N"]);
    }

    [Fact]
    public async Task Conditional_update_of_a_missing_entity_fails_404()
    {
        var name = await NewTableAsync();

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
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
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => _tables.DeleteAsync(name, "p", "r", etag, _ct));

        Assert.Equal(412, error.Status);
    }

    [Fact]
    public async Task Top_limits_a_page_and_returns_a_continuation()
    {
        var name = await NewTableAsync();
        for (var i = 0; i < 5; i++)
        {
            await _tables.InsertAsync(name, new TableEntity("p", $"r{i}"), _ct);
        }

        var first = await _tables.QueryPageAsync(name, "PartitionKey eq 'p'", 2, null, _ct);
        var second = await _tables.QueryPageAsync(name, "PartitionKey eq 'p'", 2, first.Continuation, _ct);

        Assert.Equal(["r0", "r1"], first.Entities.Select(e => e.RowKey));
        Assert.NotNull(first.Continuation);
        Assert.Equal(["r2", "r3"], second.Entities.Select(e => e.RowKey));
        Assert.All(first.Entities, e => Assert.NotNull(e.ETag));
    }

    [Fact]
    public async Task Query_follows_continuations_past_1000_entities()
    {
        var name = await NewTableAsync();
        const int count = 1100;
        foreach (var batch in Enumerable.Range(0, count).Chunk(50))
        {
            await Task.WhenAll(batch.Select(i =>
                _tables.InsertAsync(name, new TableEntity($"p{i % 3}", i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["I"] = i }, _ct)));
        }

        var firstPage = await _tables.QueryPageAsync(name, null, null, null, _ct);
        var all = new List<TableEntity>();
        await foreach (var entity in _tables.QueryAsync(name, null, null, _ct))
        {
            all.Add(entity);
        }

        var filtered = new List<TableEntity>();
        await foreach (var entity in _tables.QueryAsync(name, "PartitionKey eq 'p1' and I ge 600", 100, _ct))
        {
            filtered.Add(entity);
        }

        Assert.Equal(1000, firstPage.Entities.Count);
        Assert.NotNull(firstPage.Continuation);
        Assert.Equal(count, all.Count);
        Assert.Equal(Enumerable.Range(0, count).ToHashSet(), all.Select(e => e.GetInt32("I")!.Value).ToHashSet());
        Assert.Equal(Enumerable.Range(600, count - 600).Count(i => i % 3 == 1), filtered.Count);
    }
}
