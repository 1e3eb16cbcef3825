namespace GitLabConnector.Storage;

/// <summary>Null properties are left out of a stored entity (absent is how the table says "no value").</summary>
public static class TableEntityNulls
{
    public static TableEntity WithoutNulls(this TableEntity entity)
    {
        foreach (var name in entity.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            entity.Remove(name);
        }

        return entity;
    }
}
