namespace GitLabConnector.Configuration;

/// <summary>Validates a bound settings section at start-up with the validator of the part that owns it.</summary>
public static class SettingsServiceCollectionExtensions
{
    public static OptionsBuilder<TOptions> ValidateOnStart<TOptions>(this OptionsBuilder<TOptions> builder, IValidateOptions<TOptions> validator)
        where TOptions : class
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton(validator));
        return builder.ValidateOnStart();
    }
}
