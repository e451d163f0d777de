// in=Logging: code that has an ILoggerFactory at hand.
public partial class DocExample
{
    private readonly ILoggerFactory loggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
}
