// Compiled with every doc example of kind members, statements, types or interface: what the docs' test projects have
// in scope. Program and file examples get only a console project's implicit usings.
global using System.Collections.Concurrent;
global using System.Diagnostics;
global using System.Globalization;
global using System.Text.Json.Nodes;
global using Microsoft.Extensions.Logging;
global using Shop.Workflows;
global using Shop.Workflows.Fulfilment;
global using StatesGen;
global using StatesGen.Durability;
global using StatesGen.Hosting;
global using StatesGen.Sqlite;
global using StatesGen.Testing;
global using Xunit;
