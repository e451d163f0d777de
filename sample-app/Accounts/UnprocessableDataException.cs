namespace SampleApp.Accounts;

/// <summary>
/// Thrown by the data-checking handler for data it cannot check. The runtime fails the Task state with the
/// exception type's short name as the error, as AWS Lambda reports .NET exceptions, so the Parallel state's
/// <c>"ErrorEquals": ["UnprocessableDataException"]</c> Catch matches it.
/// </summary>
internal sealed class UnprocessableDataException(string message) : Exception(message);
