# The API as a container: built with the SDK, run on the ASP.NET runtime as the image's non-root user.
# Build: docker build -t commitments-api .   Run the migrate step with: docker run ... commitments-api migrate
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Commitments.sln ./
COPY src/ src/
RUN dotnet publish src/Commitments.Api/Commitments.Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__Console__FormatterName=json
EXPOSE 8080
# The runtime image's own unprivileged user (uid 1654).
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["dotnet", "Commitments.Api.dll", "probe", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["dotnet", "Commitments.Api.dll"]
