// StatesGen sample: the two AWS Step Functions tutorials this project grew from, and a JSONata workflow with
// variables, and a parent that starts a child execution per order, run in-process. The classes OrderProcessing,
// OrderProcessingSequential, AccountApplication, InvoiceOrder, FulfilOrders and ShipOrder are generated at build time
// from Workflows/**/*.asl.json. Exit code 0 when every expected outcome happened, 1 otherwise: a smoke test too.
using System.Diagnostics;
using SampleApp;
using SampleApp.Accounts;
using SampleApp.Fulfilment;
using SampleApp.Invoices;
using SampleApp.Orders;

if (args.Contains("--dashboard")) return await DashboardMode.RunAsync(args); // a web app with the dashboard, until Ctrl+C
var elapsed = Stopwatch.StartNew();
var checks = new SmokeChecks();
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // never hang as a smoke test

Console.WriteLine("StatesGen sample app: Step Functions state machines compiled to C# classes at build time.");
Console.WriteLine();
try
{
    await OrderDemo.RunAsync(checks, timeout.Token);
    await AccountDemo.RunAsync(checks, timeout.Token);
    await InvoiceDemo.RunAsync(checks, timeout.Token);
    await FulfilmentDemo.RunAsync(checks, timeout.Token);
    await DurableDemo.RunAsync(checks, timeout.Token);
}
catch (Exception e)
{
    checks.Fail($"no unexpected exception, got {e.GetType().Name}: {e.Message}");
}
return checks.Report(elapsed.Elapsed);
