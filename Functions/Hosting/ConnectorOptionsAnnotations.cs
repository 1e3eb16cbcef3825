using Microsoft.Extensions.Options;

namespace GitLabConnector.Hosting;

/// <summary>
/// The data-annotation checks of each <see cref="ConnectorOptions"/> section, generated at compile time: validating by
/// reflection (<c>Validator.TryValidateObject</c>) cost every cold start ~15 ms before the app could listen.
/// <see cref="ConnectorOptionsValidator"/> runs them and names each failure the way an operator sets it.
/// </summary>
[OptionsValidator]
internal sealed partial class ConnectorOptionsAnnotations : IValidateOptions<ConnectorOptions>;
