// in=FakeMailer: the fake collaborator of docs/testing.md's RenewalTasks.
public sealed class FakeMailer : IMailer
{
    public List<string> Sent { get; } = [];

    public Task<string> SendOfferAsync(string customerId, CancellationToken cancellationToken)
    {
        Sent.Add(customerId);
        return Task.FromResult("offer-" + customerId);
    }

    public Task<bool> HasRenewedAsync(string offerId, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task AskForApprovalAsync(string customerId, string taskToken, CancellationToken cancellationToken) => Task.CompletedTask;
}
