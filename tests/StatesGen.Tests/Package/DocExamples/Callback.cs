// in=Callback: code that has a Task handler and a task token at hand.
public partial class DocExample
{
    private readonly TaskHandler handler = (invocation, cancellationToken) => default;
    private readonly string token = "";
}
