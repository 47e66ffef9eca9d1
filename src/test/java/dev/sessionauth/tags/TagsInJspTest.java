package dev.sessionauth.tags;

import dev.sessionauth.testing.DeployedApp;

/** The tag library's pages on Jetty 12 (apache-jsp). */
class TagsInJspTest extends TagsInJsp {
    @Override
    DeployedApp.Deployer deployer() {
        return DeployedApp::onJetty;
    }
}
