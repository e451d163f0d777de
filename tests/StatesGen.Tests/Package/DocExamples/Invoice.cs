// in=Invoice: code that has the sample app's InvoiceOrder workflow at hand.
public partial class DocExample
{
    private readonly InvoiceOrder machine = new((invocation, cancellationToken) => default);
}
