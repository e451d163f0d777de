// in=Renewal: code that has the Renewal workflow's tasks at hand.
public partial class DocExample
{
    private readonly Renewal.ITasks tasks = null!;
}
