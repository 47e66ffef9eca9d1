package dev.sessionauth.webxml;

import dev.sessionauth.testing.DeployedApp;
import dev.sessionauth.testing.TomcatWebApp;

/** The same web.xml example app, the same HTTP assertions, on Tomcat 10.1 ({@code Tomcat.addWebapp}, as for a war). */
class WebXmlDeploymentOnTomcatTest extends WebXmlDeployment {
    @Override
    DeployedApp.Deployer deployer() {
        return TomcatWebApp::start;
    }
}
