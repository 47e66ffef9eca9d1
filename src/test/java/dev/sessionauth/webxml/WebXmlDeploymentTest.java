package dev.sessionauth.webxml;

import dev.sessionauth.testing.DeployedApp;

/** The web.xml example app on Jetty 12's {@code WebAppContext}. */
class WebXmlDeploymentTest extends WebXmlDeployment {
    @Override
    DeployedApp.Deployer deployer() {
        return DeployedApp::onJetty;
    }
}
