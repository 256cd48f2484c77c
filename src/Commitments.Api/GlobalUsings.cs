// What nearly every feature file uses; anything rarer is imported where it is used.
global using Commitments.Api.Auth;
global using Commitments.Api.Errors;
global using Commitments.Domain;
global using FluentValidation;
global using Mediator;
