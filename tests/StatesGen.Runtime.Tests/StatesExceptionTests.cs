using StatesGen;

namespace StatesGen.Runtime.Tests;

public class StatesExceptionTests
{
    [Fact]
    public void Carries_error_and_cause()
    {
        var e = new StatesException("MyError", "it broke");
        Assert.Equal("MyError", e.Error);
        Assert.Equal("it broke", e.Cause);
        Assert.Null(new StatesException("X").Cause);
    }
}
