namespace GitLabConnector.Tests.Infra;

public class BicepTextTests
{
    [Fact]
    public void Strips_comments_but_not_slashes_inside_strings()
    {
        const string text = "var url = 'https://${host}/api' // the url\n/* block\ncomment */var x = 1";

        var stripped = BicepText.StripComments(text);

        Assert.Contains("'https://${host}/api'", stripped, StringComparison.Ordinal);
        Assert.DoesNotContain("the url", stripped, StringComparison.Ordinal);
        Assert.DoesNotContain("block", stripped, StringComparison.Ordinal);
        Assert.Equal(text.Length, stripped.Length);
        Assert.Equal(3, BicepText.LineOf(stripped, stripped.IndexOf("var x", StringComparison.Ordinal)));
    }

    [Fact]
    public void Reads_the_line_comment_after_a_string_containing_slashes()
    {
        Assert.Equal("Storage Blob Data Owner", BicepText.LineComment("  owner: 'a//b' // Storage Blob Data Owner"));
        Assert.Equal(string.Empty, BicepText.LineComment("  url: 'https://example.com'"));
    }

    [Fact]
    public void Lists_only_top_level_keys_of_an_object_with_nested_values_and_interpolated_braces()
    {
        const string text = "var s = {\n  A__b: 'x'\n  'quoted-key': '${f({ y: 1 })}'\n  nested: {\n    inner: 1\n  }\n  list: [\n    { item: 2 }\n  ]\n}\nvar after = { z: 3 }";

        var body = BicepText.ObjectAt(text, 0)!.Value.Body;

        Assert.Equal(["A__b", "quoted-key", "nested", "list"], BicepText.TopLevelKeys(body));
    }

    [Fact]
    public void Tells_parameters_with_and_without_defaults_apart()
    {
        const string text = "@minLength(1)\nparam environmentName string\nparam location string = resourceGroup().location\n";

        var parameters = BicepText.Parameters(text);

        Assert.Equal(
            [new BicepParameter("environmentName", null, 2), new BicepParameter("location", "resourceGroup().location", 3)],
            parameters);
    }
}
