// in=Durable: code that has a Task handler, an execution input and a cancellation token at hand.
public partial class DocExample
{
    private readonly TaskHandler handler = (invocation, cancellationToken) => default;
    private readonly JsonNode? input = new JsonObject();
    private readonly CancellationToken cancellationToken = default;
}
