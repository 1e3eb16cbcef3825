namespace GitLabConnector.Enrichment;

/// <summary>The data-annotation checks of <see cref="EnrichmentOptions"/>, generated at compile time (no reflection at start-up).</summary>
[OptionsValidator]
internal sealed partial class EnrichmentOptionsValidator : IValidateOptions<EnrichmentOptions>;
